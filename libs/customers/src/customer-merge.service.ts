import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import type { CustomerDto, CustomerFootprint, CustomerMergeDto, MergePreviewDto, MergeResultDto } from '@parley/contracts';
import { AGENT_EVENTS, MERGE_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { mergedFields, mergeUndoMinutes, newId, undoableUntil } from '@parley/domain';
import {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, CustomerMergeEntity, MessageEntity, TimelineEventEntity, withTransaction,
} from '@parley/persistence';
import { mergeCustomerInto } from './customer-json';
import { toCustomerDto } from './customer.mapper';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { TimelineService } from './timeline.service';

/**
 * Merging two customers into one, and undoing it within MERGE_UNDO_MINUTES. Each merge records the
 * rows it moved and the target's fields before, so undo moves exactly those back: messages that
 * reached the moved conversations meanwhile go with them.
 */
@Injectable()
export class CustomerMergeService {
  private readonly logger = new Logger(CustomerMergeService.name);

  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly suggestions: MergeSuggestionsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async preview(targetId: string, sourceId: string): Promise<MergePreviewDto> {
    const { target, source } = await this.pair(this.db.manager, targetId, sourceId);
    return {
      target: await this.dto(target),
      source: await this.dto(source),
      result: mergedFields(target, source),
      targetFootprint: await this.footprint(target.id),
      sourceFootprint: await this.footprint(source.id),
    };
  }

  /**
   * Moves the source's identities, conversations, messages and timeline onto the target; the source
   * stays as a pointer (mergedIntoId) so links and ids that still name it resolve to the target.
   */
  async merge(targetId: string, sourceId: string, actorName: string): Promise<MergeResultDto> {
    const record = await withTransaction(this.db, async (em) => {
      const { target, source } = await this.pair(em, targetId, sourceId, true);
      const ids = async (entity: typeof ChannelIdentityEntity | typeof ConversationEntity) =>
        (await em.find(entity, { select: { id: true }, where: { customerId: sourceId } })).map((r) => r.id);
      const conversationIds = await ids(ConversationEntity);
      const looseEvents = await em.find(TimelineEventEntity, {
        select: { id: true },
        where: [{ customerId: sourceId, conversationId: IsNull() }, ...(conversationIds.length ? [{ customerId: sourceId, conversationId: Not(In(conversationIds)) }] : [])],
      });
      const row = em.create(CustomerMergeEntity, {
        id: newId(),
        targetCustomerId: targetId,
        sourceCustomerId: sourceId,
        actorName: actorName.slice(0, 200),
        moved: { identityIds: await ids(ChannelIdentityEntity), conversationIds, timelineEventIds: looseEvents.map((e) => e.id) },
        targetBefore: {
          name: target.name, email: target.email, phone: target.phone, emailSource: target.emailSource ?? null, phoneSource: target.phoneSource ?? null,
          tags: target.tags ?? [], attributes: target.attributes ?? {},
        },
        mergedAt: new Date(),
        undoneAt: null,
      });
      for (const entity of [ChannelIdentityEntity, ConversationEntity, MessageEntity, TimelineEventEntity]) {
        await em.update(entity, { customerId: sourceId }, { customerId: targetId });
      }
      const { name, email, phone } = mergedFields(target, source);
      await em.update(CustomerEntity, { id: targetId }, {
        name, email, phone,
        emailSource: target.email ? target.emailSource : source.emailSource,
        phoneSource: target.phone ? target.phoneSource : source.phoneSource,
        updatedAt: new Date(),
      });
      // Tags and attributes combine in the database (jsonb `||` on PostgreSQL), not from the rows read above.
      await mergeCustomerInto(em, targetId, sourceId);
      await em.update(CustomerEntity, { id: sourceId }, { mergedIntoId: targetId, updatedAt: new Date() });
      await em.insert(CustomerMergeEntity, row);
      await this.suggestions.settle(em, targetId, sourceId);
      await this.timeline.append(em, {
        customerId: targetId,
        type: 'customer_merged',
        title: source.name ?? source.email ?? source.phone ?? sourceId,
        authorName: actorName,
        data: { sourceCustomerId: sourceId, mergeId: row.id },
      });
      return row;
    });
    this.logger.log({ event: 'customer.merged', mergeId: record.id, targetCustomerId: targetId, sourceCustomerId: sourceId, actor: actorName, moved: counts(record) }, 'customers merged');
    const merge = this.toMergeDto(record);
    this.realtime.toAgents(MERGE_EVENTS.customerMerged, merge);
    const dto = await this.announce(targetId);
    await this.announce(sourceId);
    return { ...dto, merge };
  }

  /** Puts the source back as it was and the moved rows with it; 409 past the grace period. */
  async undo(mergeId: string, actorName: string): Promise<CustomerDto> {
    const record = await withTransaction(this.db, async (em) => {
      const row = await em.findOneBy(CustomerMergeEntity, { id: mergeId });
      if (!row) throw new NotFoundException(`Merge ${mergeId} not found`);
      if (row.undoneAt) throw new ConflictException('This merge was already undone');
      if (!undoableUntil(row.mergedAt, null, mergeUndoMinutes())) {
        throw new ConflictException(`This merge can no longer be undone: the ${mergeUndoMinutes()} minute grace period is over`);
      }
      const target = await em.findOneBy(CustomerEntity, { id: row.targetCustomerId });
      if (!target || target.mergedIntoId) throw new ConflictException('The surviving customer was merged again since: undo that merge first');
      const { identityIds, conversationIds, timelineEventIds } = row.moved;
      const back = { customerId: row.sourceCustomerId };
      if (identityIds.length) await em.update(ChannelIdentityEntity, { id: In(identityIds), customerId: target.id }, back);
      if (conversationIds.length) {
        await em.update(ConversationEntity, { id: In(conversationIds), customerId: target.id }, back);
        await em.update(MessageEntity, { conversationId: In(conversationIds), customerId: target.id }, back);
        await em.update(TimelineEventEntity, { conversationId: In(conversationIds), customerId: target.id }, back);
      }
      if (timelineEventIds.length) await em.update(TimelineEventEntity, { id: In(timelineEventIds), customerId: target.id }, back);
      const before = row.targetBefore;
      await em.update(CustomerEntity, { id: target.id }, {
        name: before.name, email: before.email, phone: before.phone,
        emailSource: before.emailSource as CustomerEntity['emailSource'], phoneSource: before.phoneSource as CustomerEntity['phoneSource'],
        tags: before.tags, attributes: before.attributes, updatedAt: new Date(),
      });
      await em.update(CustomerEntity, { id: row.sourceCustomerId }, { mergedIntoId: null, updatedAt: new Date() });
      const undoneAt = new Date();
      await em.update(CustomerMergeEntity, { id: row.id }, { undoneAt });
      // The event names the customer who leaves again, as customer_merged named the one who came in.
      const source = await em.findOneBy(CustomerEntity, { id: row.sourceCustomerId });
      await this.timeline.append(em, {
        customerId: target.id,
        type: 'customer_unmerged',
        title: source?.name ?? source?.email ?? source?.phone ?? row.sourceCustomerId,
        authorName: actorName,
        data: { sourceCustomerId: row.sourceCustomerId, mergeId: row.id },
      });
      return { ...row, undoneAt };
    });
    this.logger.log({ event: 'customer.unmerged', mergeId, targetCustomerId: record.targetCustomerId, sourceCustomerId: record.sourceCustomerId, actor: actorName, moved: counts(record) }, 'customer merge undone');
    // Other agents' open views reload on customer.merged; an undone record (undoneAt set) tells them to.
    this.realtime.toAgents(MERGE_EVENTS.customerMerged, this.toMergeDto(record));
    await this.announce(record.targetCustomerId);
    return this.announce(record.sourceCustomerId);
  }

  /** Merges into or out of this customer, newest first. */
  async mergesOf(customerId: string): Promise<CustomerMergeDto[]> {
    const rows = await this.db.getRepository(CustomerMergeEntity).find({
      where: [{ targetCustomerId: customerId }, { sourceCustomerId: customerId }],
      order: { mergedAt: 'DESC' },
      take: 100,
    });
    return rows.map((r) => this.toMergeDto(r));
  }

  toMergeDto(r: CustomerMergeEntity): CustomerMergeDto {
    return {
      id: r.id,
      targetCustomerId: r.targetCustomerId,
      sourceCustomerId: r.sourceCustomerId,
      actorName: r.actorName,
      mergedAt: r.mergedAt.toISOString(),
      undoableUntil: undoableUntil(r.mergedAt, r.undoneAt, mergeUndoMinutes())?.toISOString() ?? null,
      undoneAt: r.undoneAt?.toISOString() ?? null,
    };
  }

  /** `lock`: both rows stay locked (PostgreSQL, in id order) until the merge commits, so what it records as "before" stays true. */
  private async pair(em: EntityManager, targetId: string, sourceId: string, lock = false): Promise<{ target: CustomerEntity; source: CustomerEntity }> {
    if (targetId === sourceId) throw new BadRequestException('A customer cannot be merged into itself');
    const rows = await em.find(CustomerEntity, {
      where: { id: In([targetId, sourceId]) },
      order: { id: 'ASC' },
      ...(lock && em.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const target = rows.find((r) => r.id.toLowerCase() === targetId.toLowerCase());
    const source = rows.find((r) => r.id.toLowerCase() === sourceId.toLowerCase());
    if (!target) throw new NotFoundException(`Customer ${targetId} not found`);
    if (!source) throw new NotFoundException(`Customer ${sourceId} not found`);
    if (target.mergedIntoId) throw new ConflictException(`Customer ${targetId} was itself merged into ${target.mergedIntoId}`);
    if (source.mergedIntoId) throw new ConflictException(`Customer ${sourceId} was already merged into ${source.mergedIntoId}`);
    return { target, source };
  }

  private async footprint(customerId: string): Promise<CustomerFootprint> {
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({ select: { channel: true }, where: { customerId } });
    return {
      conversations: await this.db.getRepository(ConversationEntity).countBy({ customerId }),
      timelineEvents: await this.db.getRepository(TimelineEventEntity).countBy({ customerId }),
      channels: [...new Set(identities.map((i) => i.channel))].sort(),
    };
  }

  private async dto(c: CustomerEntity): Promise<CustomerDto> {
    return toCustomerDto(c, await this.db.getRepository(ChannelIdentityEntity).find({ where: { customerId: c.id }, order: { createdAt: 'ASC' } }));
  }

  private async announce(id: string): Promise<CustomerDto> {
    const customer = await this.db.getRepository(CustomerEntity).findOneByOrFail({ id });
    const dto = await this.dto(customer);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, dto);
    return dto;
  }
}

const counts = (r: CustomerMergeEntity) => ({
  identities: r.moved.identityIds.length,
  conversations: r.moved.conversationIds.length,
  timelineEvents: r.moved.timelineEventIds.length,
});
