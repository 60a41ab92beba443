import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, PROVEN_SOURCES, TimelineEventEntity, withTransaction } from '@parley/persistence';
import { TypeormIngestWriter } from './ingest/typeorm-ingest-writer';
import type { IngestRepository, IngestUnitOfWork } from './ports/ingest.repository';

/** The one-by-one ingest pipeline's storage on TypeORM, the same queries on SQLite and PostgreSQL. */
export class TypeormIngestRepository implements IngestRepository {
  readonly kind: 'postgres' | 'sqlite';
  private readonly writer: TypeormIngestWriter;

  constructor(private readonly db: DataSource) {
    this.kind = db.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.writer = new TypeormIngestWriter(db);
  }

  transaction<T>(work: (tx: IngestUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(this.unitOf(em)));
  }

  private unitOf(em: EntityManager): IngestUnitOfWork {
    return {
      held: em,
      conversationOrFail: (id) => em.findOneByOrFail(ConversationEntity, { id }),
      conversationInInbox: (id, inboxId) => em.findOneBy(ConversationEntity, { id, inboxId }),
      latestConversation: (customerId, inboxId) => em.findOne(ConversationEntity, { where: { customerId, inboxId }, order: { createdAt: 'DESC' } }),
      newestConversationIdOf: async (inboxId, providerMessageIds) => {
        const earlier = await em.findOne(MessageEntity, {
          select: { conversationId: true },
          where: { inboxId, providerMessageId: In(providerMessageIds) },
          order: { createdAt: 'DESC' },
        });
        return earlier?.conversationId ?? null;
      },
      messageByProviderId: (inboxId, providerMessageId) => em.findOne(MessageEntity, { where: { inboxId, providerMessageId } }),
      updateMessage: async (id, changes) => void (await em.update(MessageEntity, { id }, changes as never)),
      updateTimelineContent: async (messageId, content) => void (await em.update(TimelineEventEntity, { messageId }, { content })),
      write: (plans) => this.writer.writeIn(em, plans),
      updateSender: (plan) => this.writer.updateIn(em, {
        identityUpdates: plan.identityUpdate ? [plan.identityUpdate] : [],
        customerUpdates: plan.customerUpdate ? [plan.customerUpdate] : [],
      }),
    };
  }

  // Outside a transaction: the unit of work's own queries on the data source's manager.
  messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null> {
    return this.unitOf(this.db.manager).messageByProviderId(inboxId, providerMessageId);
  }

  conversationOrFail(id: string): Promise<ConversationEntity> {
    return this.unitOf(this.db.manager).conversationOrFail(id);
  }

  customer(id: string): Promise<CustomerEntity | null> {
    return this.db.getRepository(CustomerEntity).findOneBy({ id });
  }

  async phoneIdentityOwners(phone: string): Promise<string[]> {
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({
      select: { customerId: true },
      where: { channel: In(['sms', 'whatsapp']), externalId: In([phone, `whatsapp:${phone}`]) },
    });
    return identities.map((i) => i.customerId);
  }

  async provenPhoneOwners(phone: string): Promise<string[]> {
    const owners = await this.db.getRepository(CustomerEntity).find({ select: { id: true }, where: { phone, phoneSource: In([...PROVEN_SOURCES]), mergedIntoId: IsNull() } });
    return owners.map((c) => c.id);
  }
}
