import { EntityManager, In, IsNull, Not } from 'typeorm';
import type { Channel } from '@parley/contracts';
import {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, CustomerMergeEntity, MergeSuggestionEntity, MessageEntity, searchFold, TimelineEventEntity,
} from '@parley/persistence';
import { mergeCustomerInto } from './customer-json';
import type { CustomerUnitOfWork } from './ports/customer.repository';
import { timelineRow } from './timeline.service';

const isPostgres = (em: EntityManager) => em.connection.options.type === 'postgres';

/** The customers capability's queries inside one EntityManager (a transaction, or none), on SQLite and PostgreSQL. */
export function typeormCustomerUnitOfWork(em: EntityManager, afterCommit: CustomerUnitOfWork['afterCommit']): CustomerUnitOfWork {
  return {
    customer: (id) => em.findOneBy(CustomerEntity, { id }),
    lockCustomers: (ids) => em.find(CustomerEntity, {
      where: { id: In(ids) },
      order: { id: 'ASC' },
      ...(isPostgres(em) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    }),
    insertCustomer: async (row) => void (await em.insert(CustomerEntity, row)),
    updateCustomer: async (id, changes) => void (await em.update(CustomerEntity, { id }, changes)),
    deleteCustomer: async (id) => void (await em.delete(CustomerEntity, { id })),
    mergeFieldsInto: (targetId, sourceId) => mergeCustomerInto(em, targetId, sourceId),
    customersWithEmail: (email) => em.findBy(CustomerEntity, { email, mergedIntoId: IsNull() }),
    customersWithPhone: (phone) => em.findBy(CustomerEntity, { phone, mergedIntoId: IsNull() }),
    emailSenders: (email) => em.createQueryBuilder(ChannelIdentityEntity, 'i').where(`i.channel = 'email' AND LOWER(i.externalId) = :email`, { email }).getMany(),
    phoneIdentities: (phone) => em.findBy(ChannelIdentityEntity, { channel: In(['sms', 'whatsapp', 'viber']), externalId: In([phone, `whatsapp:${phone}`]) }),
    identity: (channel, externalId) => em.findOne(ChannelIdentityEntity, { where: { channel, externalId } }),
    identityWithCustomer: async (channel, externalId) => {
      // The identity and its customer in one round trip: this runs for every inbound message.
      const found = await em.createQueryBuilder(ChannelIdentityEntity, 'i')
        .leftJoinAndMapOne('i.customer', CustomerEntity, 'c', 'c.id = i.customerId')
        .where('i.channel = :channel AND i.externalId = :externalId', { channel, externalId })
        .getOne() as (ChannelIdentityEntity & { customer?: CustomerEntity }) | null;
      if (!found) return null;
      const { customer, ...identity } = found;
      return { identity: Object.assign(new ChannelIdentityEntity(), identity), customer: customer ?? null };
    },
    firstIdentityOn: (channels, externalId) => em.findOne(ChannelIdentityEntity, { where: { channel: In(channels), externalId }, order: { createdAt: 'ASC' } }),
    insertIdentityUnlessTaken: async (row) => void (await em.createQueryBuilder().insert().into(ChannelIdentityEntity).values(row).orIgnore().execute()),
    channelsOf: (customerId) => channelsOf(em, customerId),
    namesakes: (key, exceptId, limit) => em.createQueryBuilder(CustomerEntity, 'c')
      .where(`${searchFold(isPostgres(em) ? 'postgres' : 'sqlite', 'c.name')} = :key AND c.mergedIntoId IS NULL AND c.id != :id`, { key, id: exceptId })
      .orderBy('c.createdAt', 'ASC').take(limit).getMany(),
    suggestion: (customerAId, customerBId) => em.findOneBy(MergeSuggestionEntity, { customerAId, customerBId }),
    updateSuggestionEvidence: async (id, evidence) => void (await em.update(MergeSuggestionEntity, { id }, { evidence })),
    insertSuggestionUnlessTaken: async (row) => void (await em.createQueryBuilder().insert().into(MergeSuggestionEntity).values(row).orIgnore().execute()),
    settleSuggestion: async (customerAId, customerBId) => void (await em.update(MergeSuggestionEntity, { customerAId, customerBId, status: 'open' }, { status: 'merged' })),
    ownedBy: async (sourceId) => {
      const ids = async (entity: typeof ChannelIdentityEntity | typeof ConversationEntity) =>
        (await em.find(entity, { select: { id: true }, where: { customerId: sourceId } })).map((r) => r.id);
      const conversationIds = await ids(ConversationEntity);
      const looseEvents = await em.find(TimelineEventEntity, {
        select: { id: true },
        where: [{ customerId: sourceId, conversationId: IsNull() }, ...(conversationIds.length ? [{ customerId: sourceId, conversationId: Not(In(conversationIds)) }] : [])],
      });
      return { identityIds: await ids(ChannelIdentityEntity), conversationIds, timelineEventIds: looseEvents.map((e) => e.id) };
    },
    moveAll: async (sourceId, targetId) => {
      for (const entity of [ChannelIdentityEntity, ConversationEntity, MessageEntity, TimelineEventEntity]) {
        await em.update(entity, { customerId: sourceId }, { customerId: targetId });
      }
    },
    moveBack: async ({ identityIds, conversationIds, timelineEventIds }, targetId, sourceId) => {
      const back = { customerId: sourceId };
      if (identityIds.length) await em.update(ChannelIdentityEntity, { id: In(identityIds), customerId: targetId }, back);
      if (conversationIds.length) {
        await em.update(ConversationEntity, { id: In(conversationIds), customerId: targetId }, back);
        await em.update(MessageEntity, { conversationId: In(conversationIds), customerId: targetId }, back);
        await em.update(TimelineEventEntity, { conversationId: In(conversationIds), customerId: targetId }, back);
      }
      if (timelineEventIds.length) await em.update(TimelineEventEntity, { id: In(timelineEventIds), customerId: targetId }, back);
    },
    merge: (id) => em.findOneBy(CustomerMergeEntity, { id }),
    insertMerge: async (row) => void (await em.insert(CustomerMergeEntity, row)),
    updateMerge: async (id, changes) => void (await em.update(CustomerMergeEntity, { id }, changes)),
    appendTimeline: async (event) => {
      const row = timelineRow(event);
      await em.insert(TimelineEventEntity, row);
      return row;
    },
    afterCommit,
  };
}

export async function channelsOf(em: EntityManager, customerId: string): Promise<Channel[]> {
  return (await em.find(ChannelIdentityEntity, { select: { channel: true }, where: { customerId } })).map((i) => i.channel);
}
