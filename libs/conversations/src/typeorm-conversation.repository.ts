import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimelineService } from '@parley/customers';
import { ConversationEntity, CustomerEntity, MessageEntity, TeamEntity, UserEntity, withTransaction } from '@parley/persistence';
import type { ConversationQuery, ConversationRepository, KeysetCursor } from './ports/conversation.repository';
import type { OutboxUnitOfWork } from './ports/outbox.repository';
import { applyConversationQuery } from './conversation-filter.sql';

/** Conversations on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmConversationRepository implements ConversationRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: OutboxUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      conversation: (id) => em.findOneBy(ConversationEntity, { id }),
      insertMessage: async (message) => void (await em.insert(MessageEntity, message)),
      appendTimeline: (event) => this.timeline.append(em, event),
      updateConversation: async (id, changes) => void (await em.update(ConversationEntity, { id }, changes)),
    }));
  }

  conversation(id: string) { return this.db.getRepository(ConversationEntity).findOneBy({ id }); }

  listConversations(query: ConversationQuery, cursor: KeysetCursor | null, limit: number) {
    const qb = applyConversationQuery(this.db.getRepository(ConversationEntity).createQueryBuilder('c'), query, new Date());
    if (cursor) qb.andWhere('(c.lastMessageAt, c.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    return qb.orderBy('c.lastMessageAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
  }

  countConversations(query: ConversationQuery) {
    return applyConversationQuery(this.db.getRepository(ConversationEntity).createQueryBuilder('c'), query, new Date()).getCount();
  }

  listMessages(conversationId: string, cursor: KeysetCursor | null, limit: number) {
    const qb = this.db.getRepository(MessageEntity).createQueryBuilder('m').where('m.conversationId = :id', { id: conversationId });
    if (cursor) qb.andWhere('(m.createdAt < :at OR (m.createdAt = :at AND m.id < :cid))', { at: cursor.at, cid: cursor.id });
    return qb.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').limit(limit).getMany();
  }

  async updateConversation(id: string, changes: Partial<ConversationEntity>) {
    await this.db.getRepository(ConversationEntity).update({ id }, changes);
  }

  async customers(ids: string[]) {
    return ids.length ? this.db.getRepository(CustomerEntity).findBy({ id: In([...new Set(ids)]) }) : [];
  }

  user(id: string) { return this.db.getRepository(UserEntity).findOneBy({ id }); }
  teamExists(id: string) { return this.db.getRepository(TeamEntity).existsBy({ id }); }
}
