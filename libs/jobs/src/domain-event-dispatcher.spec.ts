import { type DispatchFacts, dispatchFact, type DomainEvent, type DomainEventListener, DomainEventListeners, type DomainEventType } from '@parley/domain';
import type { Job, JobOptions, JobQueue } from '@parley/queue';
import { DomainEventDispatcher, LISTENER_RETRY_ATTEMPTS } from './domain-event-dispatcher';

const received: DomainEvent = { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: true };
const resolved: DomainEvent = { type: 'conversation.status_changed', conversationId: 'c1', from: 'open', to: 'resolved' };
const SEEN = dispatchFact<string>('seen');

function wire(failing: string[] = []) {
  const log: string[] = [];
  const added: { name: string; data: Record<string, unknown>; opts?: JobOptions }[] = [];
  const registry = new DomainEventListeners();
  const listener = (name: string, listensTo: DomainEventType[], after?: string[]): DomainEventListener => ({
    name, listensTo, after,
    handle: async (events: DomainEvent[], facts: DispatchFacts) => {
      log.push(`${name}:${events.map((e) => e.type).join(',')}${facts.get(SEEN) ? ` after ${facts.get(SEEN)}` : ''}`);
      if (failing.includes(name)) throw new Error(`${name} is down`);
      facts.set(SEEN, name);
    },
  });
  registry.register(listener('sla', ['message.received', 'conversation.status_changed'], ['routing']));
  registry.register(listener('surveys', ['conversation.status_changed']));
  registry.register(listener('routing', ['message.received', 'conversation.status_changed'], ['sentiment']));
  registry.register(listener('sentiment', ['message.received']));
  const queue = { add: async (_q: string, name: string, data: Record<string, unknown>, opts?: JobOptions) => void added.push({ name, data, opts }) } as unknown as JobQueue;
  const job = (data: Record<string, unknown>): Job => ({ id: 'fu-in-m1', name: 'message.received', data, attempt: 1, replayed: false });
  return { dispatcher: new DomainEventDispatcher(registry, queue), log, added, job };
}

describe('DomainEventDispatcher', () => {
  it('hands each listener the events of its types, in dispatch order, with what earlier listeners learned', async () => {
    const { dispatcher, log, added, job } = wire();
    await dispatcher.dispatchJob(job({ events: [received, resolved] }));
    expect(log).toEqual([
      'sentiment:message.received',
      'routing:message.received,conversation.status_changed after sentiment',
      'sla:message.received,conversation.status_changed after routing',
      'surveys:conversation.status_changed after sla',
    ]);
    expect(added).toEqual([]);
  });

  it('skips listeners with nothing to hear', async () => {
    const { dispatcher, log, job } = wire();
    await dispatcher.dispatchJob(job({ events: [{ type: 'message.replied', conversationId: 'c1', messageId: 'm2' }] }));
    expect(log).toEqual([]);
  });

  it('runs the others when one fails, and retries the failed one in its own job with those that read its work', async () => {
    const { dispatcher, log, added, job } = wire(['routing']);
    await dispatcher.dispatchJob(job({ events: [received, resolved] }));
    // SLA waits for routing, so it goes with the retry; surveys do not, and ran.
    expect(log).toEqual([
      'sentiment:message.received',
      'routing:message.received,conversation.status_changed after sentiment',
      'surveys:conversation.status_changed after sentiment',
    ]);
    expect(added).toEqual([{
      name: 'retry:routing',
      data: { events: [received, resolved], listeners: ['routing', 'sla'] },
      opts: { jobId: 'fu-in-m1-routing', attempts: LISTENER_RETRY_ATTEMPTS, backoffMs: 500 },
    }]);
  });

  it('runs only the named listeners in a retry job, and fails the job while one still fails', async () => {
    const ok = wire();
    await ok.dispatcher.dispatchJob(ok.job({ events: [received], listeners: ['routing', 'sla'] }));
    expect(ok.log).toEqual(['routing:message.received', 'sla:message.received after routing']);

    const down = wire(['sla']);
    await expect(down.dispatcher.dispatchJob(down.job({ events: [received], listeners: ['sla'] }))).rejects.toThrow('sla: Error: sla is down');
    expect(down.added).toEqual([]);
  });

  it('takes a job queued before domain events', async () => {
    const { dispatcher, log, job } = wire();
    await dispatcher.dispatchJob(job({ kind: 'status', conversationId: 'c1', from: 'open', to: 'resolved' }));
    expect(log).toEqual(['routing:conversation.status_changed', 'sla:conversation.status_changed after routing', 'surveys:conversation.status_changed after sla']);
  });
});
