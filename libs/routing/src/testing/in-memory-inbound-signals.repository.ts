import type { ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity } from '@parley/persistence';
import type { InboundSignalsRepository, MessageWithCustomer } from '../ports/inbound-signals.repository';

/** Inbound analysis' storage in memory, for unit specs: the upsert keeps transfers and queued_at as the SQL does. */
export class InMemoryInboundSignalsRepository implements InboundSignalsRepository {
  messages = new Map<string, MessageEntity>();
  customers = new Map<string, CustomerEntity>();
  sentiments = new Map<string, MessageSentimentEntity>();
  routingRows = new Map<string, ConversationRoutingEntity>();

  async storedSentiments(messageIds: string[]) {
    return messageIds.flatMap((id) => { const s = this.sentiments.get(id); return s ? [{ ...s }] : []; });
  }

  async messagesWithCustomers(messageIds: string[]): Promise<MessageWithCustomer[]> {
    return messageIds.flatMap((id) => {
      const m = this.messages.get(id);
      if (!m) return [];
      const customer = m.customerId ? this.customers.get(m.customerId) : undefined;
      return [{ ...m, ...(customer ? { customer: { ...customer } } : {}) }];
    });
  }

  async upsertSignals(rows: ConversationRoutingEntity[]) {
    for (const row of rows) {
      const stored = this.routingRows.get(row.conversationId);
      const { language, sentiment, sentimentScore, boost, updatedAt } = row;
      if (stored) Object.assign(stored, { language, sentiment, sentimentScore, boost, updatedAt });
      else this.routingRows.set(row.conversationId, { ...row });
    }
  }
}
