import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { CustomerDto, Page, TimelineEventDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, decodeCursor, encodeCursor, MessageEntity, TimelineEventEntity, withTransaction,
} from '@parley/persistence';
import { toCustomerDto, toTimelineDto } from './customer.mapper';
import { TimelineService } from './timeline.service';

export interface CustomerPatch {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, unknown>;
  tags?: string[];
}

export interface CrmEventInput {
  type: string;
  title: string;
  occurredAt?: string;
  data?: Record<string, unknown>;
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async get(id: string): Promise<CustomerDto> {
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id });
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({ where: { customerId: id }, order: { createdAt: 'ASC' } });
    return toCustomerDto(customer, identities);
  }

  /** Search by name, email, phone or any identity's external id; merged-away customers are hidden. */
  async search(query: string | undefined, cursor: string | undefined, limit: number): Promise<Page<CustomerDto>> {
    const qb = this.db.getRepository(CustomerEntity).createQueryBuilder('c').where('c.mergedIntoId IS NULL');
    const q = query?.trim().toLowerCase();
    if (q) {
      const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
      qb.andWhere(
        `(LOWER(c.name) LIKE :like ESCAPE '\\' OR LOWER(c.email) LIKE :like ESCAPE '\\' OR c.phone LIKE :like ESCAPE '\\'
          OR c.id IN (SELECT i.customer_id FROM channel_identities i WHERE LOWER(i.external_id) LIKE :like ESCAPE '\\'))`,
        { like },
      );
    }
    const after = decodeCursor(cursor);
    if (after) qb.andWhere('(c.updatedAt < :at OR (c.updatedAt = :at AND c.id < :id))', { at: after.at, id: after.id });
    const rows = await qb.orderBy('c.updatedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const identities = items.length
      ? await this.db.getRepository(ChannelIdentityEntity).findBy({ customerId: In(items.map((r) => r.id)) })
      : [];
    const last = items[items.length - 1];
    return {
      items: items.map((c) => toCustomerDto(c, identities.filter((i) => i.customerId === c.id))),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.id) : null,
    };
  }

  async update(id: string, patch: CustomerPatch): Promise<CustomerDto> {
    const repo = this.db.getRepository(CustomerEntity);
    const customer = await repo.findOneBy({ id });
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    if (customer.mergedIntoId) throw new ConflictException(`Customer ${id} was merged into ${customer.mergedIntoId}`);
    const changes: Partial<CustomerEntity> = { updatedAt: new Date() };
    if (patch.name !== undefined) changes.name = patch.name?.trim() || null;
    if (patch.email !== undefined) changes.email = patch.email?.trim().toLowerCase() || null;
    if (patch.phone !== undefined) changes.phone = patch.phone?.trim() || null;
    if (patch.attributes !== undefined) changes.attributes = patch.attributes;
    if (patch.tags !== undefined) changes.tags = [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))];
    await repo.update({ id }, changes);
    const dto = await this.get(id);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, dto);
    return dto;
  }

  async timelinePage(id: string, before: string | undefined, limit: number): Promise<Page<TimelineEventDto>> {
    await this.get(id);
    return this.timeline.page(id, before, limit);
  }

  async addEvent(id: string, input: CrmEventInput): Promise<TimelineEventDto> {
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id });
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
    if (Number.isNaN(occurredAt.getTime())) throw new BadRequestException('occurredAt must be an ISO 8601 date');
    const event = await withTransaction(this.db, (em) =>
      this.timeline.append(em, {
        customerId: customer.mergedIntoId ?? id,
        type: 'crm_event',
        occurredAt,
        title: input.title,
        data: { ...(input.data ?? {}), eventType: input.type },
      }),
    );
    const dto = toTimelineDto(event);
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, dto);
    return dto;
  }

  /**
   * Moves the source's identities, conversations, messages and timeline onto the target; the source
   * stays as a pointer (mergedIntoId) so links and ids that still name it resolve to the target.
   */
  async merge(targetId: string, sourceId: string, actorName: string): Promise<CustomerDto> {
    if (targetId === sourceId) throw new BadRequestException('A customer cannot be merged into itself');
    await withTransaction(this.db, async (em) => {
      const target = await em.findOneBy(CustomerEntity, { id: targetId });
      const source = await em.findOneBy(CustomerEntity, { id: sourceId });
      if (!target) throw new NotFoundException(`Customer ${targetId} not found`);
      if (!source) throw new NotFoundException(`Customer ${sourceId} not found`);
      if (target.mergedIntoId) throw new ConflictException(`Customer ${targetId} was itself merged into ${target.mergedIntoId}`);
      if (source.mergedIntoId) throw new ConflictException(`Customer ${sourceId} was already merged into ${source.mergedIntoId}`);
      for (const entity of [ChannelIdentityEntity, ConversationEntity, MessageEntity, TimelineEventEntity]) {
        await em.update(entity, { customerId: sourceId }, { customerId: targetId });
      }
      const tags = [...new Set([...(target.tags ?? []), ...(source.tags ?? [])])];
      await em.update(CustomerEntity, { id: targetId }, {
        name: target.name ?? source.name,
        email: target.email ?? source.email,
        phone: target.phone ?? source.phone,
        attributes: { ...(source.attributes ?? {}), ...(target.attributes ?? {}) },
        tags,
        updatedAt: new Date(),
      });
      await em.update(CustomerEntity, { id: sourceId }, { mergedIntoId: targetId, updatedAt: new Date() });
      await this.timeline.append(em, {
        customerId: targetId,
        type: 'customer_merged',
        title: source.name ?? source.email ?? source.phone ?? sourceId,
        authorName: actorName,
        data: { sourceCustomerId: sourceId },
      });
    });
    const dto = await this.get(targetId);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, dto);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.get(sourceId));
    return dto;
  }
}
