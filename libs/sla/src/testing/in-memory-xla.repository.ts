import type { NewTimelineEvent } from '@parley/customers';
import type { ConversationEntity, MessageSentimentEntity, TimelineEventEntity, XlaEventEntity, XlaPolicyEntity } from '@parley/persistence';
import type { XlaRepository, XlaUnitOfWork } from '../ports/xla.repository';

const copy = <T>(row: T): T => ({ ...row });

/** XLA storage in memory, for unit specs; a failed transaction leaves no event or timeline row. */
export class InMemoryXlaRepository implements XlaRepository {
  policyRows = new Map<string, XlaPolicyEntity>();
  teams = new Set<string>();
  conversations = new Map<string, ConversationEntity>();
  events: XlaEventEntity[] = [];
  timeline: TimelineEventEntity[] = [];
  sentiments: MessageSentimentEntity[] = [];
  messages: { id: string; createdAt: Date }[] = [];
  private seq = 0;

  async transaction<T>(work: (tx: XlaUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { events: [...this.events], timeline: [...this.timeline] };
    try {
      return await work({
        insertEvent: (event) => this.insertEvent(event),
        appendTimeline: async (event: NewTimelineEvent) => {
          const row = { id: `ev-${++this.seq}`, occurredAt: new Date(), channel: null, conversationId: null, messageId: null, direction: null, content: null, title: null, authorName: null, data: null, ...event } as TimelineEventEntity;
          this.timeline.push(row);
          return row;
        },
      });
    } catch (err) {
      this.events = saved.events;
      this.timeline = saved.timeline;
      throw err;
    }
  }

  async policies() { return [...this.policyRows.values()].map(copy); }
  async policyOf(teamId: string | null) { const p = [...this.policyRows.values()].find((r) => r.teamId === teamId); return p ? copy(p) : null; }
  async savePolicy(row: XlaPolicyEntity) { this.policyRows.set(row.id, copy(row)); }
  async deletePolicy(id: string) { return this.policyRows.delete(id); }
  async teamExists(id: string) { return this.teams.has(id); }
  async conversation(id: string) { const c = this.conversations.get(id); return c ? copy(c) : null; }
  async insertEvent(event: XlaEventEntity) { this.events.push(copy(event)); }

  async csatValues(teamId: string | null, since: Date) {
    return this.events.filter((e) => e.teamId === teamId && e.kind === 'csat' && !e.breached && e.occurredAt >= since).map((e) => e.value);
  }

  async lastResolvedOf(customerId: string, exceptConversationId: string, since: Date) {
    const resolved = [...this.conversations.values()]
      .filter((c) => c.customerId === customerId && c.id !== exceptConversationId && c.status === 'resolved' && c.resolvedAt && c.resolvedAt >= since)
      .sort((a, b) => b.resolvedAt!.getTime() - a.resolvedAt!.getTime());
    return resolved[0] ? copy(resolved[0]) : null;
  }

  async sentimentsOf(messageIds: string[]) { return this.sentiments.filter((s) => messageIds.includes(s.messageId)).map(copy); }
  async messageTimes(messageIds: string[]) { return this.messages.filter((m) => messageIds.includes(m.id)).map(copy); }
}
