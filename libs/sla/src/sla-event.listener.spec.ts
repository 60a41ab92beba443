import type { ConversationEntity } from '@parley/persistence';
import { DispatchFacts, DomainEventListeners, type MessageReceived, ROUTING_OUTCOMES, type RoutingOutcomeFact } from '@parley/domain';
import { inboundMovesSla, SlaEventListener } from './sla-event.listener';
import type { SlaService } from './sla.service';
import { InMemorySlaRepository } from './testing/in-memory-sla.repository';

describe('inboundMovesSla', () => {
  it('moves the clocks when the message opened or resumed the conversation, or routing assigned it', () => {
    expect(inboundMovesSla({ opened: true, resumed: false }, false)).toBe(true);
    expect(inboundMovesSla({ opened: false, resumed: true }, false)).toBe(true);
    expect(inboundMovesSla({ opened: false, resumed: false }, true)).toBe(true);
  });

  it('treats a job queued without the resumed flag as possibly resuming', () => {
    expect(inboundMovesSla({ opened: false }, false)).toBe(true);
  });

  it('leaves the decision to the conversation state for a follow-up message in an open conversation', () => {
    expect(inboundMovesSla({ opened: false, resumed: false }, false)).toBe(false);
  });
});

const followUp = (conversationId: string, messageId: string): MessageReceived => ({ type: 'message.received', conversationId, messageId, opened: false, resumed: false });

function wire(conversations: Record<string, { teamId?: string | null; firstResponseAt?: Date | null; status?: string }>) {
  const calls: string[] = [];
  const sla = {
    sync: async (id: string) => void calls.push(`sync ${id}`),
    recompute: async (id: string) => void calls.push(`recompute ${id}`),
  } as unknown as SlaService;
  const repo = new InMemorySlaRepository();
  for (const [id, c] of Object.entries(conversations)) {
    repo.conversations.set(id, { id, firstResponseAt: null, status: 'open', teamId: null, ...c } as ConversationEntity);
  }
  const reads: string[] = [];
  const read = repo.conversation.bind(repo);
  repo.conversation = (id: string) => (reads.push(id), read(id));
  const registry = new DomainEventListeners();
  const listener = new SlaEventListener(registry, repo, sla);
  listener.onModuleInit();
  return { listener, calls, reads, registry };
}

describe('SlaEventListener', () => {
  it('leaves the clocks of a conversation awaiting its first reply alone on a further message, once per conversation', async () => {
    const { listener, calls, reads } = wire({});
    const facts = new DispatchFacts();
    facts.set(ROUTING_OUTCOMES, new Map<string, RoutingOutcomeFact>([
      ['waiting', { assigned: false, conversation: { id: 'waiting', status: 'open', firstResponseAt: null, assigneeId: null } }],
      ['answered', { assigned: false, conversation: { id: 'answered', status: 'open', firstResponseAt: new Date('2026-12-01T10:00:00Z'), assigneeId: 'a1' } }],
      ['just-assigned', { assigned: true, conversation: undefined }],
    ]));
    await listener.handle([followUp('waiting', 'm1'), followUp('waiting', 'm2'), followUp('answered', 'm3'), followUp('just-assigned', 'm4')], facts);
    expect(calls).toEqual(['sync answered', 'sync just-assigned']);
    expect(reads).toEqual([]);
  });

  it('syncs when routing did not run in this dispatch (a retry of SLA alone)', async () => {
    const { listener, calls } = wire({ waiting: {} });
    await listener.handle([followUp('waiting', 'm1')], new DispatchFacts());
    expect(calls).toEqual(['sync waiting']);
  });

  it('reads the conversation when routing did not hand it on', async () => {
    const { listener, calls, reads } = wire({ waiting: {}, answered: { firstResponseAt: new Date('2026-12-01T10:00:00Z') } });
    const facts = new DispatchFacts();
    facts.set(ROUTING_OUTCOMES, new Map([['waiting', { assigned: false }], ['answered', { assigned: false }]]));
    await listener.handle([followUp('waiting', 'm1'), followUp('answered', 'm2')], facts);
    expect(reads).toEqual(['waiting', 'answered']);
    expect(calls).toEqual(['sync answered']);
  });

  it('syncs after a reply and a status change, and recomputes when the team changed', async () => {
    const { listener, calls } = wire({ moved: { teamId: 'billing' }, kept: { teamId: 'billing' } });
    await listener.handle([
      { type: 'message.replied', conversationId: 'r1', messageId: 'm9' },
      { type: 'conversation.status_changed', conversationId: 's1', from: 'open', to: 'pending' },
      { type: 'conversation.assigned', conversationId: 'moved', previousAssigneeId: null, previousTeamId: 'support' },
      { type: 'conversation.assigned', conversationId: 'kept', previousAssigneeId: 'a1', previousTeamId: 'billing' },
      { type: 'conversation.assigned', conversationId: 'gone', previousAssigneeId: null, previousTeamId: null },
    ], new DispatchFacts());
    expect(calls).toEqual(['sync r1', 'sync s1', 'recompute moved', 'sync kept']);
  });

  it('runs after routing', () => {
    const { registry, listener } = wire({});
    registry.register({ name: 'routing', listensTo: ['message.received'], handle: async () => undefined });
    expect(registry.ordered().map((l) => l.name)).toEqual(['routing', listener.name]);
  });
});
