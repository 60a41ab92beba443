import type { JobOptions, JobQueue } from '@parley/queue';
import { domainEventsJobOf, domainEventsOf, enqueueFollowUp, FOLLOW_UP_QUEUE } from './follow-up';

describe('the follow-ups the pipeline publishes, as domain events', () => {
  it('publishes a message that opened a conversation as conversation.opened and message.received', () => {
    expect(domainEventsOf({ kind: 'inbound', conversationId: 'c1', messageId: 'm1', opened: true, resumed: false })).toEqual([
      { type: 'conversation.opened', conversationId: 'c1', messageId: 'm1' },
      { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: true, resumed: false },
    ]);
  });

  it('keeps "resumed" unknown when the publisher did not say', () => {
    expect(domainEventsOf({ kind: 'inbound', conversationId: 'c1', messageId: 'm1', opened: false })).toEqual([
      { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: false },
    ]);
  });

  it('publishes a group commit as one message.received per message', () => {
    const events = domainEventsOf({ kind: 'inbound-batch', events: [{ conversationId: 'c1', messageId: 'm1', resumed: false }, { conversationId: 'c2', messageId: 'm2', resumed: true }] });
    expect(events).toEqual([
      { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: false, resumed: false },
      { type: 'message.received', conversationId: 'c2', messageId: 'm2', opened: false, resumed: true },
    ]);
  });

  it('maps replies, status changes and assignments', () => {
    expect(domainEventsOf({ kind: 'reply', conversationId: 'c1', messageId: 'm9' })).toEqual([{ type: 'message.replied', conversationId: 'c1', messageId: 'm9' }]);
    expect(domainEventsOf({ kind: 'status', conversationId: 'c1', from: 'open', to: 'resolved' })).toEqual([
      { type: 'conversation.status_changed', conversationId: 'c1', from: 'open', to: 'resolved' },
    ]);
    expect(domainEventsOf({ kind: 'assignment', conversationId: 'c1', previousAssigneeId: 'a1', previousTeamId: null })).toEqual([
      { type: 'conversation.assigned', conversationId: 'c1', previousAssigneeId: 'a1', previousTeamId: null },
    ]);
  });

  it('reads a job queued before domain events (a FollowUp) as the same events', () => {
    expect(domainEventsJobOf({ kind: 'inbound-batch', events: [{ conversationId: 'c1', messageId: 'm1', resumed: true }] })).toEqual({
      events: [{ type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: false, resumed: true }],
    });
    const retry = { events: [{ type: 'message.replied', conversationId: 'c1', messageId: 'm9' }], listeners: ['sla'] };
    expect(domainEventsJobOf(retry)).toEqual(retry);
  });
});

describe('enqueueFollowUp', () => {
  it('queues one durable, retried job per publication, with the caller\'s idempotency key', async () => {
    const added: { queue: string; name: string; data: Record<string, unknown>; opts?: JobOptions }[] = [];
    const queue = { add: async (q: string, name: string, data: Record<string, unknown>, opts?: JobOptions) => void added.push({ queue: q, name, data, opts }) } as unknown as JobQueue;
    await enqueueFollowUp(queue, { kind: 'inbound', conversationId: 'c1', messageId: 'm1', opened: true, resumed: false }, 'in-m1');
    expect(added).toEqual([{
      queue: FOLLOW_UP_QUEUE,
      name: 'message.received',
      data: { events: domainEventsOf({ kind: 'inbound', conversationId: 'c1', messageId: 'm1', opened: true, resumed: false }) },
      opts: { jobId: 'fu-in-m1', attempts: 5, backoffMs: 500 },
    }]);
  });
});
