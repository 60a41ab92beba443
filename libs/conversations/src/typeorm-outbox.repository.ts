import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, LessThan, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import type { Channel, DeliveryStatus } from '@parley/contracts';
import { TimelineService } from '@parley/customers';
import { ChannelIdentityEntity, ConversationEntity, InboxEntity, MessageEntity, withTransaction } from '@parley/persistence';
import type { MessageGuard, OutboxRepository, OutboxUnitOfWork } from './ports/outbox.repository';

/** The outbox on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmOutboxRepository implements OutboxRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: OutboxUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(this.unitOf(em)));
  }

  private unitOf(em: EntityManager): OutboxUnitOfWork {
    return {
      conversation: (id) => em.findOneBy(ConversationEntity, { id }),
      insertMessage: async (message) => void (await em.insert(MessageEntity, message)),
      appendTimeline: (event) => this.timeline.append(em, event),
      updateConversation: async (id, changes) => void (await em.update(ConversationEntity, { id }, changes)),
    };
  }

  message(id: string): Promise<MessageEntity | null> {
    return this.db.getRepository(MessageEntity).findOneBy({ id });
  }

  conversation(id: string): Promise<ConversationEntity | null> {
    return this.db.getRepository(ConversationEntity).findOneBy({ id });
  }

  inbox(id: string): Promise<InboxEntity | null> {
    return this.db.getRepository(InboxEntity).findOneBy({ id });
  }

  latestIdentity(customerId: string, channel: Channel): Promise<ChannelIdentityEntity | null> {
    return this.db.getRepository(ChannelIdentityEntity).findOne({ where: { customerId, channel }, order: { createdAt: 'DESC' } });
  }

  async updateIdentity(id: string, changes: Partial<ChannelIdentityEntity>): Promise<void> {
    await this.db.getRepository(ChannelIdentityEntity).update({ id }, changes);
  }

  async updateMessage(id: string, changes: Partial<MessageEntity>, guard: MessageGuard = {}): Promise<boolean> {
    const where: FindOptionsWhere<MessageEntity> = { id };
    if (guard.deliveryStatus) where.deliveryStatus = guard.deliveryStatus;
    if (guard.unsent) where.providerMessageId = IsNull();
    const res = await this.db.getRepository(MessageEntity).update(where, changes);
    return !!res.affected;
  }

  async earlierProviderIds(message: MessageEntity, limit: number): Promise<string[]> {
    const rows = await this.db.getRepository(MessageEntity).find({
      select: { providerMessageId: true, createdAt: true },
      where: { conversationId: message.conversationId, private: false, providerMessageId: Not(IsNull()), createdAt: LessThan(message.createdAt) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((m) => m.providerMessageId!);
  }

  lastInboundBefore(message: MessageEntity): Promise<MessageEntity | null> {
    return this.db.getRepository(MessageEntity).findOne({
      where: { conversationId: message.conversationId, direction: 'inbound', createdAt: LessThan(message.createdAt) },
      order: { createdAt: 'DESC' },
    });
  }

  async providerIdsTaken(inboxId: string, ids: string[], exceptMessageId: string): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db.getRepository(MessageEntity).find({
      select: { providerMessageId: true },
      where: { inboxId, providerMessageId: In(ids), id: Not(exceptMessageId) },
    });
    return rows.map((r) => r.providerMessageId!);
  }

  async stalePending(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db.getRepository(MessageEntity).find({
      select: { id: true },
      where: { deliveryStatus: 'pending', direction: 'outbound', private: false, updatedAt: LessThan(before) },
      take: limit,
    });
    return rows.map((m) => m.id);
  }

  byProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null> {
    return this.db.getRepository(MessageEntity).findOneBy({ inboxId, providerMessageId });
  }

  async sentUpTo(inboxId: string, recipient: string, at: Date, statuses: DeliveryStatus[], limit: number): Promise<MessageEntity[]> {
    const owners = await this.db.getRepository(ChannelIdentityEntity).find({ select: { customerId: true }, where: { externalId: recipient } });
    if (!owners.length) return [];
    return this.db.getRepository(MessageEntity).find({
      where: {
        inboxId,
        customerId: In([...new Set(owners.map((o) => o.customerId))]),
        direction: 'outbound',
        private: false,
        deliveryStatus: In(statuses),
        createdAt: LessThanOrEqual(at),
      },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  silent(channel: Channel, updatedBefore: Date, createdAfter: Date, limit: number): Promise<MessageEntity[]> {
    return this.db.getRepository(MessageEntity).find({
      where: {
        channel,
        direction: 'outbound',
        deliveryStatus: In(['queued', 'sent']),
        providerMessageId: Not(IsNull()),
        updatedAt: LessThan(updatedBefore),
        createdAt: MoreThan(createdAfter),
      },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }
}
