import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Channel, CustomerDto, CustomerSort, CustomerTagDto, MergeEvidence, MergeResultDto, Page, TimelineEventDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { type CustomerFilter, foldForSearch, looksLikePhone, phoneRegion, toE164 } from '@parley/domain';
import { ContactSource, CustomerEntity, decodeCursor, encodeCursor } from '@parley/persistence';
import { decodeDirectoryCursor, encodeDirectoryCursor } from './customer-directory';
import { contactHolders } from './contact-holders';
import { toCustomerDto, toTimelineDto } from './customer.mapper';
import { CustomerMergeService } from './customer-merge.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { CUSTOMER_REPOSITORY, type CustomerRepository } from './ports/customer.repository';
import { TimelineService } from './timeline.service';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CustomerPatch {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, unknown>;
  tags?: string[];
}

export interface CustomerListOptions {
  sort?: CustomerSort;
  channel?: Channel;
  tag?: string;
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
    @Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository,
    private readonly timeline: TimelineService,
    private readonly merges: CustomerMergeService,
    private readonly suggestions: MergeSuggestionsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async get(id: string): Promise<CustomerDto> {
    const customer = await this.repo.customer(id);
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    return toCustomerDto(customer, await this.repo.identitiesOf([id]));
  }

  /**
   * Search by name, email, phone or any identity's external id; merged-away customers are hidden.
   * Text is compared folded (foldForSearch: any case, ё = е) on both databases; a query that looks
   * like a phone number also finds it written in E.164. The directory narrows by channel and tag and
   * orders by `sort`; every page carries when each customer was last in contact.
   */
  async search(query: string | undefined, cursor: string | undefined, limit: number, options: CustomerListOptions = {}): Promise<Page<CustomerDto>> {
    const q = query?.trim();
    const phoneLike = !!q && looksLikePhone(q);
    const sort = options.sort ?? 'updated';
    const tag = options.tag?.trim();
    const rows = await this.repo.search(
      q ? { folded: foldForSearch(q), phone: phoneLike ? toE164(q, phoneRegion()) : null, digits: phoneLike ? q.replace(/\D/g, '') : null } : null,
      { sort, channel: options.channel, tag: tag || undefined, after: decodeDirectoryCursor(cursor, sort) },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const ids = page.map((r) => r.customer.id);
    const [identities, contacts] = ids.length ? await Promise.all([this.repo.identitiesOf(ids), this.repo.lastContacts(ids)]) : [[], new Map<string, Date>()];
    const last = page[page.length - 1];
    return {
      items: page.map(({ customer: c }) => ({
        ...toCustomerDto(c, identities.filter((i) => i.customerId === c.id)),
        lastContactAt: contacts.get(c.id)?.toISOString() ?? null,
      })),
      nextCursor: rows.length > limit && last ? encodeDirectoryCursor(sort, last.key) : null,
    };
  }

  /** A page of a customer segment (a customer view's filter), newest update first. */
  async segment(filter: CustomerFilter, cursor: string | undefined, limit: number): Promise<Page<CustomerDto>> {
    const rows = await this.repo.segment(filter, decodeCursor(cursor), limit + 1);
    const items = rows.slice(0, limit);
    const identities = items.length ? await this.repo.identitiesOf(items.map((r) => r.id)) : [];
    const last = items[items.length - 1];
    return {
      items: items.map((c) => toCustomerDto(c, identities.filter((i) => i.customerId === c.id))),
      nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.id) : null,
    };
  }

  countSegment(filter: CustomerFilter): Promise<number> {
    return this.repo.countSegment(filter);
  }

  /** The tags live customers carry, most carried first (the directory's tag filter). */
  tags(limit: number): Promise<CustomerTagDto[]> {
    return this.repo.tags(limit);
  }

  /**
   * An agent's edit. What an agent types is taken as proof (source `agent`): a phone in any written
   * form is stored in E.164, and an address another live customer holds becomes a merge suggestion.
   */
  async update(id: string, patch: CustomerPatch, source: ContactSource = 'agent'): Promise<CustomerDto> {
    const customer = await this.repo.customer(id);
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    if (customer.mergedIntoId) throw new ConflictException(`Customer ${id} was merged into ${customer.mergedIntoId}`);
    const changes: Partial<CustomerEntity> = { updatedAt: new Date() };
    if (patch.name !== undefined) changes.name = patch.name?.trim() || null;
    if (patch.email !== undefined) {
      changes.email = patch.email?.trim().toLowerCase() || null;
      if (changes.email && !EMAIL.test(changes.email)) throw new BadRequestException(`email: "${patch.email}" is not an email address`);
      // The same address sent back (a panel saving every field) keeps where it came from: saving a
      // name must not turn a visitor's typed address into proof.
      if (changes.email === customer.email) delete changes.email;
      else changes.emailSource = changes.email ? source : null;
    }
    if (patch.phone !== undefined) {
      const written = patch.phone?.trim() || null;
      changes.phone = written && toE164(written, await this.regionOf(id));
      if (written && !changes.phone) throw new BadRequestException(`phone: "${written}" is not a valid phone number (write it with the country code, e.g. +7 916 123-45-67)`);
      if (changes.phone === customer.phone) delete changes.phone;
      else changes.phoneSource = changes.phone ? source : null;
    }
    if (patch.attributes !== undefined) changes.attributes = patch.attributes;
    if (patch.tags !== undefined) changes.tags = [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))];
    await this.repo.updateCustomer(id, changes);
    await this.suggestForContacts(id, { email: changes.email, phone: changes.phone, writtenPhone: patch.phone?.trim() }, source);
    // A visitor's pre-chat name is their first word on web chat: as for a new customer on any channel.
    if (source === 'prechat' && changes.name) {
      await this.repo.transaction(async (tx) => this.suggestions.suggestNamesakes(tx, { ...customer, ...changes } as CustomerEntity, 'webchat'));
    }
    const dto = await this.get(id);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, dto);
    return dto;
  }

  /** The region national numbers are read in: the inbox the customer last wrote to decides. */
  async regionOf(customerId: string): Promise<string> {
    return phoneRegion(await this.repo.lastInboxPhoneRegion(customerId));
  }

  /** Suggestions for the live customers who hold this email or phone too (on their record or as an identity). */
  private async suggestForContacts(id: string, saved: { email?: string | null; phone?: string | null; writtenPhone?: string | null }, source: ContactSource): Promise<void> {
    const typed = source === 'prechat';
    await this.repo.transaction(async (tx) => {
      const holders = await contactHolders(tx, saved);
      for (const holder of holders) {
        if (holder.customer.id === id) continue;
        const evidence: MergeEvidence[] = [];
        if (holder.email) evidence.push({ kind: typed ? 'prechat_email' : 'same_email', values: [saved.email!, holder.email] });
        if (holder.phone) evidence.push({ kind: typed ? 'prechat_phone' : 'same_phone', values: [saved.writtenPhone ?? saved.phone!, holder.phone] });
        await this.suggestions.suggest(tx, id, holder.customer.id, evidence);
      }
    });
  }

  async timelinePage(id: string, before: string | undefined, limit: number): Promise<Page<TimelineEventDto>> {
    // Only whether the customer exists: the page does not need their identities.
    if (!(await this.repo.customer(id))) throw new NotFoundException(`Customer ${id} not found`);
    return this.timeline.page(id, before, limit);
  }

  async addEvent(id: string, input: CrmEventInput): Promise<TimelineEventDto> {
    const customer = await this.repo.customer(id);
    if (!customer) throw new NotFoundException(`Customer ${id} not found`);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
    if (Number.isNaN(occurredAt.getTime())) throw new BadRequestException('occurredAt must be an ISO 8601 date');
    const event = await this.repo.transaction((tx) =>
      tx.appendTimeline({
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

  /** Kept for callers that merge on proof (a shared phone): the merge is recorded and can be undone. */
  merge(targetId: string, sourceId: string, actorName: string): Promise<MergeResultDto> {
    return this.merges.merge(targetId, sourceId, actorName);
  }
}
