import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { bulkInsert, ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity, runPrepared } from '@parley/persistence';
import type { InboundSignalsRepository, MessageWithCustomer } from './ports/inbound-signals.repository';

/** What a new inbound message updates on an existing routing row (the rest, e.g. transfers, stays). */
const ROUTING_COLUMNS = ['language', 'sentiment', 'sentiment_score', 'boost', 'updated_at'];
const ROUTING_UPSERT = `ON CONFLICT ("conversation_id") DO UPDATE SET ${ROUTING_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

/** Inbound analysis' storage on TypeORM: one read and one upsert per group commit on either database. */
@Injectable()
export class TypeOrmInboundSignalsRepository implements InboundSignalsRepository {
  constructor(private readonly db: DataSource) {}

  storedSentiments(messageIds: string[]) {
    return this.db.getRepository(MessageSentimentEntity).findBy({ messageId: In(messageIds) });
  }

  async messagesWithCustomers(messageIds: string[]) {
    return await this.db.getRepository(MessageEntity).createQueryBuilder('m')
      .leftJoinAndMapOne('m.customer', CustomerEntity, 'c', 'c.id = m.customerId')
      .where('m.id IN (:...analysed)', { analysed: messageIds })
      .getMany() as MessageWithCustomer[];
  }

  async upsertSignals(rows: ConversationRoutingEntity[]) {
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_routing_signals', bulkInsert(this.db, ConversationRoutingEntity, rows, ROUTING_UPSERT));
    } else {
      // One upsert: the conversation's routing row is created by its first message and kept current after.
      await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values(rows)
        .orUpdate(ROUTING_COLUMNS, ['conversation_id']).updateEntity(false).execute();
    }
  }
}
