import type { Channel, DeliveryStatus } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type { ChannelIdentityEntity, ConversationEntity, InboxEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';
import type { MessageGuard, OutboxRepository, OutboxUnitOfWork } from '../ports/outbox.repository';

const copy = <T>(row: T): T => ({ ...row });

/** The outbox in memory, for unit specs: rows are plain objects; a failed transaction leaves nothing behind. */
export class InMemoryOutboxRepository implements OutboxRepository {
  conversations = new Map<string, ConversationEntity>();
  messages = new Map<string, MessageEntity>();
  inboxes = new Map<string, InboxEntity>();
  identities: ChannelIdentityEntity[] = [];
  timeline: TimelineEventEntity[] = [];
  private seq = 0;

  async transaction<T>(work: (tx: OutboxUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { conversations: new Map([...this.conversations].map(([k, v]) => [k, copy(v)])), messages: new Map(this.messages), timeline: [...this.timeline] };
    try {
      return await work({
        conversation: async (id) => this.rowOf(this.conversations, id),
        insertMessage: async (m) => {
          if (this.messages.has(m.id)) throw new Error(`duplicate message ${m.id}`);
          this.messages.set(m.id, copy(m));
        },
        appendTimeline: async (event: NewTimelineEvent) => {
          const row = { id: `ev-${++this.seq}`, occurredAt: new Date(), channel: null, conversationId: null, messageId: null, direction: null, content: null, title: null, authorName: null, data: null, ...event } as TimelineEventEntity;
          this.timeline.push(row);
          return row;
        },
        updateConversation: async (id, changes) => {
          const c = this.conversations.get(id);
          if (c) Object.assign(c, changes);
        },
      });
    } catch (err) {
      Object.assign(this, saved);
      throw err;
    }
  }

  private rowOf<T>(rows: Map<string, T>, id: string): T | null {
    const row = rows.get(id);
    return row ? copy(row) : null;
  }

  async message(id: string) { return this.rowOf(this.messages, id); }
  async conversation(id: string) { return this.rowOf(this.conversations, id); }
  async inbox(id: string) { return this.rowOf(this.inboxes, id); }

  async latestIdentity(customerId: string, channel: Channel) {
    const mine = this.identities.filter((i) => i.customerId === customerId && i.channel === channel);
    return mine.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  }

  async updateIdentity(id: string, changes: Partial<ChannelIdentityEntity>) {
    const identity = this.identities.find((i) => i.id === id);
    if (identity) Object.assign(identity, changes);
  }

  async updateMessage(id: string, changes: Partial<MessageEntity>, guard: MessageGuard = {}) {
    const m = this.messages.get(id);
    if (!m || (guard.deliveryStatus && m.deliveryStatus !== guard.deliveryStatus) || (guard.unsent && m.providerMessageId)) return false;
    Object.assign(m, changes);
    return true;
  }

  async earlierProviderIds(message: MessageEntity, limit: number) {
    return [...this.messages.values()]
      .filter((m) => m.conversationId === message.conversationId && !m.private && m.providerMessageId && m.createdAt < message.createdAt)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map((m) => m.providerMessageId!);
  }

  async lastInboundBefore(message: MessageEntity) {
    return [...this.messages.values()]
      .filter((m) => m.conversationId === message.conversationId && m.direction === 'inbound' && m.createdAt < message.createdAt)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  }

  async providerIdsTaken(inboxId: string, ids: string[], exceptMessageId: string) {
    return [...this.messages.values()].filter((m) => m.inboxId === inboxId && m.id !== exceptMessageId && m.providerMessageId && ids.includes(m.providerMessageId)).map((m) => m.providerMessageId!);
  }

  async stalePending(before: Date, limit: number) {
    return [...this.messages.values()]
      .filter((m) => m.deliveryStatus === 'pending' && m.direction === 'outbound' && !m.private && m.updatedAt < before)
      .slice(0, limit)
      .map((m) => m.id);
  }

  async byProviderId(inboxId: string, providerMessageId: string) {
    const m = [...this.messages.values()].find((x) => x.inboxId === inboxId && x.providerMessageId === providerMessageId);
    return m ? copy(m) : null;
  }

  async sentUpTo(inboxId: string, recipient: string, at: Date, statuses: DeliveryStatus[], limit: number) {
    const owners = new Set(this.identities.filter((i) => i.externalId === recipient).map((i) => i.customerId));
    return [...this.messages.values()]
      .filter((m) => m.inboxId === inboxId && owners.has(m.customerId) && m.direction === 'outbound' && !m.private && statuses.includes(m.deliveryStatus) && m.createdAt <= at)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async silent(channel: Channel, updatedBefore: Date, createdAfter: Date, limit: number) {
    return [...this.messages.values()]
      .filter((m) => m.channel === channel && m.direction === 'outbound' && ['queued', 'sent'].includes(m.deliveryStatus) && m.providerMessageId && m.updatedAt < updatedBefore && m.createdAt > createdAfter)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
}
