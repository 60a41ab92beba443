import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CustomerDto, CustomerFootprint, CustomerMergeDto, MergePreviewDto, MergeResultDto } from '@parley/contracts';
import { AGENT_EVENTS, MERGE_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { mergedFields, mergeUndoMinutes, newId, undoableUntil } from '@parley/domain';
import { CustomerEntity, CustomerMergeEntity } from '@parley/persistence';
import { toCustomerDto } from './customer.mapper';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { CUSTOMER_REPOSITORY, type CustomerRepository } from './ports/customer.repository';

/**
 * Merging two customers into one, and undoing it within MERGE_UNDO_MINUTES. Each merge records the
 * rows it moved and the target's fields before, so undo moves exactly those back: messages that
 * reached the moved conversations meanwhile go with them.
 */
@Injectable()
export class CustomerMergeService {
  private readonly logger = new Logger(CustomerMergeService.name);

  constructor(
    @Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository,
    private readonly suggestions: MergeSuggestionsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async preview(targetId: string, sourceId: string): Promise<MergePreviewDto> {
    refuseSelfMerge(targetId, sourceId);
    const { target, source } = pairOf(targetId, sourceId, await this.repo.customers([targetId, sourceId]));
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
    refuseSelfMerge(targetId, sourceId);
    const record = await this.repo.transaction(async (tx) => {
      // Both rows stay locked (PostgreSQL, in id order) until the merge commits, so what it records as "before" stays true.
      const { target, source } = pairOf(targetId, sourceId, await tx.lockCustomers([targetId, sourceId]));
      const row = Object.assign(new CustomerMergeEntity(), {
        id: newId(),
        targetCustomerId: targetId,
        sourceCustomerId: sourceId,
        actorName: actorName.slice(0, 200),
        moved: await tx.ownedBy(sourceId),
        targetBefore: {
          name: target.name, email: target.email, phone: target.phone, emailSource: target.emailSource ?? null, phoneSource: target.phoneSource ?? null,
          tags: target.tags ?? [], attributes: target.attributes ?? {},
        },
        mergedAt: new Date(),
        undoneAt: null,
      });
      await tx.moveAll(sourceId, targetId);
      const { name, email, phone } = mergedFields(target, source);
      await tx.updateCustomer(targetId, {
        name, email, phone,
        emailSource: target.email ? target.emailSource : source.emailSource,
        phoneSource: target.phone ? target.phoneSource : source.phoneSource,
        updatedAt: new Date(),
      });
      // Tags and attributes combine in the database (jsonb `||` on PostgreSQL), not from the rows read above.
      await tx.mergeFieldsInto(targetId, sourceId);
      await tx.updateCustomer(sourceId, { mergedIntoId: targetId, updatedAt: new Date() });
      await tx.insertMerge(row);
      await this.suggestions.settle(tx, targetId, sourceId);
      await tx.appendTimeline({
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
    const record = await this.repo.transaction(async (tx) => {
      const row = await tx.merge(mergeId);
      if (!row) throw new NotFoundException(`Merge ${mergeId} not found`);
      if (row.undoneAt) throw new ConflictException('This merge was already undone');
      if (!undoableUntil(row.mergedAt, null, mergeUndoMinutes())) {
        throw new ConflictException(`This merge can no longer be undone: the ${mergeUndoMinutes()} minute grace period is over`);
      }
      const target = await tx.customer(row.targetCustomerId);
      if (!target || target.mergedIntoId) throw new ConflictException('The surviving customer was merged again since: undo that merge first');
      await tx.moveBack(row.moved, target.id, row.sourceCustomerId);
      const before = row.targetBefore;
      await tx.updateCustomer(target.id, {
        name: before.name, email: before.email, phone: before.phone,
        emailSource: before.emailSource as CustomerEntity['emailSource'], phoneSource: before.phoneSource as CustomerEntity['phoneSource'],
        tags: before.tags, attributes: before.attributes, updatedAt: new Date(),
      });
      await tx.updateCustomer(row.sourceCustomerId, { mergedIntoId: null, updatedAt: new Date() });
      const undoneAt = new Date();
      await tx.updateMerge(row.id, { undoneAt });
      // The event names the customer who leaves again, as customer_merged named the one who came in.
      const source = await tx.customer(row.sourceCustomerId);
      await tx.appendTimeline({
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
    const rows = await this.repo.mergesOf(customerId, 100);
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

  private async footprint(customerId: string): Promise<CustomerFootprint> {
    const channels = await this.repo.channelsOf(customerId);
    return {
      conversations: await this.repo.countConversations(customerId),
      timelineEvents: await this.repo.countTimelineEvents(customerId),
      channels: [...new Set(channels)].sort(),
    };
  }

  private async dto(c: CustomerEntity): Promise<CustomerDto> {
    return toCustomerDto(c, await this.repo.identitiesOf([c.id]));
  }

  private async announce(id: string): Promise<CustomerDto> {
    const customer = await this.repo.customer(id);
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
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

/** Checked before any query: the ids need not even be UUIDs for this answer. */
function refuseSelfMerge(targetId: string, sourceId: string): void {
  if (targetId === sourceId) throw new BadRequestException('A customer cannot be merged into itself');
}

/** The pair as stored, refused when either is missing or already a merge pointer. */
function pairOf(targetId: string, sourceId: string, rows: CustomerEntity[]): { target: CustomerEntity; source: CustomerEntity } {
  const target = rows.find((r) => r.id.toLowerCase() === targetId.toLowerCase());
  const source = rows.find((r) => r.id.toLowerCase() === sourceId.toLowerCase());
  if (!target) throw new NotFoundException(`Customer ${targetId} not found`);
  if (!source) throw new NotFoundException(`Customer ${sourceId} not found`);
  if (target.mergedIntoId) throw new ConflictException(`Customer ${targetId} was itself merged into ${target.mergedIntoId}`);
  if (source.mergedIntoId) throw new ConflictException(`Customer ${sourceId} was already merged into ${source.mergedIntoId}`);
  return { target, source };
}
