import type { SlaState } from '@parley/domain';
import type { ConversationEntity, CustomerEntity, UserEntity } from '@parley/persistence';
import type { ConversationQuery, ConversationRepository, KeysetCursor, LabelOnConversation } from '../ports/conversation.repository';
import { InMemoryOutboxRepository } from './in-memory-outbox.repository';

const before = (at: Date, id: string, cursor: KeysetCursor | null) => !cursor || at < cursor.at || (at.getTime() === cursor.at.getTime() && id < cursor.id);
const newestFirst = (a: { at: Date; id: string }, b: { at: Date; id: string }) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1);

/** Conversations in memory (sharing the outbox fake's rows and unit of work), for unit specs. */
export class InMemoryConversationRepository extends InMemoryOutboxRepository implements ConversationRepository {
  customerRows = new Map<string, CustomerEntity>();
  users = new Map<string, UserEntity>();
  teams = new Set<string>();
  /** The labels on each conversation, in the order they were added. */
  labelRows: LabelOnConversation[] = [];
  /** `conversation_collaborators` pairs. */
  followers: { conversationId: string; userId: string }[] = [];
  /** How many times labels were read (the list promises one read per page). */
  labelReads = 0;

  /** Rows of other capabilities the filters read (labels: `labelRows`): SLA state, sentiment, CSAT per conversation id. */
  slaStateOf = new Map<string, SlaState>();
  sentimentOf = new Map<string, string>();
  csatOf = new Map<string, number>();

  async conversationsById(ids: string[]) {
    return (await Promise.all(ids.map((id) => this.conversation(id)))).filter((c): c is ConversationEntity => !!c);
  }

  async listConversations(q: ConversationQuery, cursor: KeysetCursor | null, limit: number) {
    return [...this.conversations.values()]
      .filter((c) => this.matches(c, q) && before(c.lastMessageAt, c.id, cursor))
      .sort((a, b) => newestFirst({ at: a.lastMessageAt, id: a.id }, { at: b.lastMessageAt, id: b.id }))
      .slice(0, limit);
  }

  async countConversations(q: ConversationQuery) {
    return [...this.conversations.values()].filter((c) => this.matches(c, q)).length;
  }

  private matches(c: ConversationEntity, q: ConversationQuery): boolean {
    const csat = this.csatOf.get(c.id);
    const assignee = q.unassigned ? null : q.assigneeId;
    return (!q.status || c.status === q.status) && (!q.inboxId || c.inboxId === q.inboxId) && (!q.teamId || c.teamId === q.teamId)
      && (!q.customerId || c.customerId === q.customerId) && (assignee === undefined || (c.assigneeId ?? null) === assignee)
      && (!q.channel || c.channel === q.channel) && (!q.priority || c.priority === q.priority)
      && (q.labelIds ?? []).every((labelId) => this.labelRows.some((l) => l.conversationId === c.id && l.id === labelId))
      && (!q.followerId || this.followers.some((f) => f.conversationId === c.id && f.userId === q.followerId))
      && (!q.slaState || (this.slaStateOf.get(c.id) ?? 'none') === q.slaState)
      && (!q.sentiment || this.sentimentOf.get(c.id) === q.sentiment)
      && (!q.csat || (csat !== undefined && csat >= (q.csat.min ?? 1) && csat <= (q.csat.max ?? 5)))
      && (!q.waitingLongerThanMinutes || (['open', 'pending'].includes(c.status) && !!c.lastInboundAt && c.lastInboundAt >= c.lastMessageAt
        && c.lastInboundAt.getTime() < Date.now() - q.waitingLongerThanMinutes * 60_000));
  }

  async listMessages(conversationId: string, cursor: KeysetCursor | null, limit: number) {
    return [...this.messages.values()]
      .filter((m) => m.conversationId === conversationId && before(m.createdAt, m.id, cursor))
      .sort((a, b) => newestFirst({ at: a.createdAt, id: a.id }, { at: b.createdAt, id: b.id }))
      .slice(0, limit);
  }

  async updateConversation(id: string, changes: Partial<ConversationEntity>) {
    const c = this.conversations.get(id);
    if (c) Object.assign(c, changes);
  }

  async customers(ids: string[]) { return ids.map((id) => this.customerRows.get(id)).filter((c): c is CustomerEntity => !!c); }
  async labelsOf(conversationIds: string[]) {
    this.labelReads++;
    return this.labelRows.filter((l) => conversationIds.includes(l.conversationId)).map((l) => ({ ...l }));
  }
  async user(id: string) { return this.users.get(id) ?? null; }
  async teamExists(id: string) { return this.teams.has(id); }
}
