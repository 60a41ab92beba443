import { DispatchFacts, DomainEventListeners, MESSAGE_SENTIMENTS, type MessageSentimentFact, ROUTING_OUTCOMES } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import type { AssignmentService } from './assignment.service';
import type { InboundAnalysisService } from './inbound-analysis.service';
import type { RouteResult, RoutingDecisionService } from './routing-decision.service';
import { RoutingEventListener } from './routing-event.listener';
import { InMemoryRoutingRepository } from './testing/in-memory-routing.repository';

type Row = Partial<ConversationEntity> & { id: string };
const t0 = new Date('2026-12-01T10:00:00Z');

function wire(rows: Row[], outcomes: Record<string, RouteResult['outcome']> = {}) {
  const calls: string[] = [];
  const repo = new InMemoryRoutingRepository();
  for (const r of rows) {
    repo.conversations.set(r.id, { status: 'open', assigneeId: null, teamId: null, ...r } as ConversationEntity);
    repo.routingRows.set(r.id, { conversationId: r.id, language: 'ru', sentiment: 'neutral', sentimentScore: 0, boost: 0, transfers: 0, queuedAt: t0, updatedAt: t0 });
  }
  const readMany = repo.conversationsByIds.bind(repo);
  repo.conversationsByIds = async (ids) => (calls.push('read conversations'), readMany(ids));
  const byId = repo.conversations;
  const waiting = (id: string) => repo.routingRows.get(id)?.queuedAt !== null;
  const routing = {
    route: async (id: string, opts: { known?: ConversationEntity | null } = {}): Promise<RouteResult> => {
      calls.push(`route ${id}${opts.known !== undefined ? ' (known)' : ''}`);
      return { outcome: outcomes[id] ?? 'queued', conversation: byId.get(id) };
    },
    assignNextFor: async (agentId: string) => (calls.push(`next for ${agentId}`), 0),
  } as unknown as RoutingDecisionService;
  const analysis = {
    recordSignals: async (ids: string[], s?: ReadonlyMap<string, MessageSentimentFact>) => void calls.push(`signals ${ids.join(',')}${s ? ' from the sentiment listener' : ''}`),
  } as unknown as InboundAnalysisService;
  const assignment = { refreshLoad: async (agentId: string) => (calls.push(`load ${agentId}`), null) } as unknown as AssignmentService;
  return { listener: new RoutingEventListener(new DomainEventListeners(), repo, routing, analysis, assignment), calls, waiting };
}

describe('RoutingEventListener', () => {
  it('records the signals a message carries and routes its conversation, handing the outcome to SLA', async () => {
    const { listener, calls } = wire([{ id: 'c1' }], { c1: 'assigned' });
    const facts = new DispatchFacts();
    facts.set(MESSAGE_SENTIMENTS, new Map());
    await listener.handle([{ type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: true }], facts);
    expect(calls).toEqual(['signals m1 from the sentiment listener', 'route c1']);
    expect(facts.get(ROUTING_OUTCOMES)?.get('c1')).toMatchObject({ assigned: true });
  });

  it('reads a group commit\'s conversations once, and remembers an assignment by any of its messages', async () => {
    const { listener, calls } = wire([{ id: 'c1' }, { id: 'c2' }], { c2: 'assigned' });
    const facts = new DispatchFacts();
    await listener.handle([
      { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: false, resumed: false },
      { type: 'message.received', conversationId: 'c2', messageId: 'm2', opened: false, resumed: false },
      { type: 'message.received', conversationId: 'c2', messageId: 'm3', opened: false, resumed: false },
    ], facts);
    expect(calls).toEqual(['signals m1,m2,m3', 'read conversations', 'route c1 (known)', 'route c2 (known)', 'route c2 (known)']);
    expect(facts.get(ROUTING_OUTCOMES)?.get('c1')?.assigned).toBe(false);
    expect(facts.get(ROUTING_OUTCOMES)?.get('c2')?.assigned).toBe(true);
  });

  it('takes a resolved conversation off the queue and gives its agent the next one', async () => {
    const { listener, calls, waiting } = wire([{ id: 'c1', status: 'resolved', assigneeId: 'olga' }]);
    await listener.handle([{ type: 'conversation.status_changed', conversationId: 'c1', from: 'open', to: 'resolved' }], new DispatchFacts());
    expect(waiting('c1')).toBe(false);
    expect(calls).toEqual(['load olga', 'next for olga']);
  });

  it('routes a reopened conversation nobody has', async () => {
    const { listener, calls, waiting } = wire([{ id: 'c1', status: 'open' }]);
    await listener.handle([{ type: 'conversation.status_changed', conversationId: 'c1', from: 'resolved', to: 'open' }], new DispatchFacts());
    expect(calls).toEqual(['route c1']);
    expect(waiting('c1')).toBe(true);
  });

  it('frees the previous agent\'s capacity on a reassignment', async () => {
    const { listener, calls, waiting } = wire([{ id: 'c1', assigneeId: 'dmitry' }]);
    await listener.handle([{ type: 'conversation.assigned', conversationId: 'c1', previousAssigneeId: 'olga', previousTeamId: null }], new DispatchFacts());
    expect(waiting('c1')).toBe(false);
    expect(calls).toEqual(['load dmitry', 'load olga', 'next for olga']);
  });

  it('routes a conversation whose agent was taken off, and ignores one that is gone', async () => {
    const { listener, calls } = wire([{ id: 'c1' }]);
    await listener.handle([
      { type: 'conversation.assigned', conversationId: 'c1', previousAssigneeId: null, previousTeamId: 'support' },
      { type: 'conversation.assigned', conversationId: 'gone', previousAssigneeId: 'olga', previousTeamId: null },
    ], new DispatchFacts());
    expect(calls).toEqual(['route c1']);
  });
});
