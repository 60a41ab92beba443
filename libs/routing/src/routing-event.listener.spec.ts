import type { DataSource } from 'typeorm';
import { DispatchFacts, DomainEventListeners, MESSAGE_SENTIMENTS, type MessageSentimentFact, ROUTING_OUTCOMES } from '@parley/domain';
import { ConversationEntity } from '@parley/persistence';
import type { AssignmentService } from './assignment.service';
import type { InboundAnalysisService } from './inbound-analysis.service';
import type { RouteResult, RoutingDecisionService } from './routing-decision.service';
import { RoutingEventListener } from './routing-event.listener';

type Row = Partial<ConversationEntity> & { id: string };

function wire(rows: Row[], outcomes: Record<string, RouteResult['outcome']> = {}) {
  const calls: string[] = [];
  const byId = new Map(rows.map((r) => [r.id, { status: 'open', assigneeId: null, teamId: null, ...r } as ConversationEntity]));
  const db = {
    getRepository: (entity: unknown) => entity === ConversationEntity
      ? {
        findOneBy: async ({ id }: { id: string }) => byId.get(id) ?? null,
        findBy: async () => (calls.push('read conversations'), [...byId.values()]),
      }
      : { update: async ({ conversationId }: { conversationId: string }) => void calls.push(`unqueue ${conversationId}`) },
  } as unknown as DataSource;
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
  return { listener: new RoutingEventListener(new DomainEventListeners(), db, routing, analysis, assignment), calls };
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
    const { listener, calls } = wire([{ id: 'c1', status: 'resolved', assigneeId: 'olga' }]);
    await listener.handle([{ type: 'conversation.status_changed', conversationId: 'c1', from: 'open', to: 'resolved' }], new DispatchFacts());
    expect(calls).toEqual(['unqueue c1', 'load olga', 'next for olga']);
  });

  it('routes a reopened conversation nobody has', async () => {
    const { listener, calls } = wire([{ id: 'c1', status: 'open' }]);
    await listener.handle([{ type: 'conversation.status_changed', conversationId: 'c1', from: 'resolved', to: 'open' }], new DispatchFacts());
    expect(calls).toEqual(['route c1']);
  });

  it('frees the previous agent\'s capacity on a reassignment', async () => {
    const { listener, calls } = wire([{ id: 'c1', assigneeId: 'dmitry' }]);
    await listener.handle([{ type: 'conversation.assigned', conversationId: 'c1', previousAssigneeId: 'olga', previousTeamId: null }], new DispatchFacts());
    expect(calls).toEqual(['unqueue c1', 'load dmitry', 'load olga', 'next for olga']);
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
