import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TimelineService } from '@parley/customers';
import { ConversationEntity, ConversationLabelEntity, CustomerEntity, keysetCondition, LabelEntity, MessageEntity, TeamEntity, UserEntity, withTransaction } from '@parley/persistence';
import type { ConversationQuery, ConversationRepository, KeysetCursor, LabelOnConversation } from './ports/conversation.repository';
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

  async conversationsById(ids: string[]) { return ids.length ? this.db.getRepository(ConversationEntity).findBy({ id: In(ids) }) : []; }

  listConversations(query: ConversationQuery, cursor: KeysetCursor | null, limit: number) {
    const qb = applyConversationQuery(this.db.getRepository(ConversationEntity).createQueryBuilder('c'), query, new Date());
    if (cursor) {
      const after = keysetCondition(['c.lastMessageAt', 'c.id'], cursor, 'DESC');
      qb.andWhere(after.where, after.parameters);
    }
    return qb.orderBy('c.lastMessageAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
  }

  countConversations(query: ConversationQuery) {
    return applyConversationQuery(this.db.getRepository(ConversationEntity).createQueryBuilder('c'), query, new Date()).getCount();
  }

  listMessages(conversationId: string, cursor: KeysetCursor | null, limit: number) {
    const qb = this.db.getRepository(MessageEntity).createQueryBuilder('m').where('m.conversationId = :id', { id: conversationId });
    if (cursor) {
      const before = keysetCondition(['m.createdAt', 'm.id'], cursor, 'DESC');
      qb.andWhere(before.where, before.parameters);
    }
    return qb.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').limit(limit).getMany();
  }

  async updateConversation(id: string, changes: Partial<ConversationEntity>) {
    await this.db.getRepository(ConversationEntity).update({ id }, changes);
  }

  async customers(ids: string[]) {
    return ids.length ? this.db.getRepository(CustomerEntity).findBy({ id: In([...new Set(ids)]) }) : [];
  }

  async labelsOf(conversationIds: string[]): Promise<LabelOnConversation[]> {
    if (!conversationIds.length) return [];
    return this.db.getRepository(ConversationLabelEntity).createQueryBuilder('cl')
      .innerJoin(LabelEntity, 'l', 'l.id = cl.labelId')
      .select('cl.conversationId', 'conversationId').addSelect('l.id', 'id').addSelect('l.nameEn', 'nameEn').addSelect('l.nameRu', 'nameRu').addSelect('l.colour', 'colour')
      .where('cl.conversationId IN (:...ids)', { ids: [...new Set(conversationIds)] })
      .orderBy('cl.addedAt', 'ASC').addOrderBy('l.id', 'ASC')
      .getRawMany<LabelOnConversation>();
  }

  user(id: string) { return this.db.getRepository(UserEntity).findOneBy({ id }); }
  teamExists(id: string) { return this.db.getRepository(TeamEntity).existsBy({ id }); }
}
