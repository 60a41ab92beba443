import type { CustomerEntity, MessageEntity } from '@parley/persistence';
import type { VisitorScope, WidgetVisitorRepository } from '../ports/widget-visitor.repository';

const UNREAD = ['pending', 'queued', 'sent', 'delivered'];
const newestFirst = (a: MessageEntity, b: MessageEntity) => b.createdAt.getTime() - a.createdAt.getTime();

/** The widget's visitor storage in memory, for unit specs: a visitor is known once their identity is created. */
export class InMemoryWidgetVisitorRepository implements WidgetVisitorRepository {
  /** Web chat visitor id → their customer's id. */
  visitors = new Map<string, string>();
  customers = new Map<string, CustomerEntity>();
  messages: MessageEntity[] = [];
  /** Survey id → its state; `sent` ones wait for a score. */
  surveys = new Map<string, string>();

  async knownCustomerId(visitorId: string) { return this.visitors.get(visitorId) ?? null; }

  async createVisitorCustomer(visitorId: string, customerId: string) {
    const known = this.visitors.get(visitorId);
    if (known) return known;
    this.visitors.set(visitorId, customerId);
    if (!this.customers.has(customerId)) this.customers.set(customerId, { id: customerId, name: null, email: null, phone: null } as CustomerEntity);
    return customerId;
  }

  async customer(id: string) { const c = this.customers.get(id); return c ? { ...c } : null; }

  async history(visitor: VisitorScope, limit: number) {
    return this.of(visitor).filter((m) => !m.private).slice(0, limit).map((m) => ({ ...m }));
  }

  async lastConversationId(visitor: VisitorScope) { return this.of(visitor)[0]?.conversationId ?? null; }

  async openSurveyIds(ids: string[]) { return ids.filter((id) => this.surveys.get(id) === 'sent'); }

  async reply(visitor: VisitorScope, messageId: string) {
    const m = this.of(visitor).find((x) => x.id === messageId && x.direction === 'outbound' && !x.private);
    return m ? { ...m } : null;
  }

  async unreadRepliesUpTo(seen: MessageEntity, inboxId: string, limit: number) {
    return this.messages
      .filter((m) => m.conversationId === seen.conversationId && m.inboxId === inboxId && m.direction === 'outbound' && !m.private)
      .filter((m) => UNREAD.includes(m.deliveryStatus) && m.createdAt.getTime() <= seen.createdAt.getTime())
      .sort(newestFirst)
      .slice(0, limit)
      .map(({ id, providerMessageId, createdAt }) => ({ id, providerMessageId, createdAt }));
  }

  private of(visitor: VisitorScope): MessageEntity[] {
    return this.messages.filter((m) => m.customerId === visitor.customerId && m.inboxId === visitor.inboxId).sort(newestFirst);
  }
}
