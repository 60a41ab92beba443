import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CustomerDto, MergeEvidence, MergeSuggestionDto } from '@parley/contracts';
import { MERGE_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { combineEvidence, mergeEvidence, nameKey, newId, orderedPair } from '@parley/domain';
import { CustomerEntity, MergeSuggestionEntity } from '@parley/persistence';
import { toCustomerDto } from './customer.mapper';
import { CUSTOMER_REPOSITORY, type CustomerRepository, type CustomerUnitOfWork } from './ports/customer.repository';

/**
 * Pairs of customers that look like one person. Weak evidence (a typed pre-chat address, the same
 * name, an address written differently) never merges anyone: it lands here for an agent to judge.
 */
@Injectable()
export class MergeSuggestionsService {
  private readonly logger = new Logger(MergeSuggestionsService.name);

  constructor(
    @Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /**
   * Records (or adds evidence to) the suggestion for a pair; a dismissed or merged pair stays so.
   * Agents hear of it once the caller's transaction commits (suggestions are made inside ingest's:
   * a pair announced before would be one they cannot open yet, or ever, after a rollback).
   */
  async suggest(tx: CustomerUnitOfWork, x: string, y: string, evidence: MergeEvidence[]): Promise<MergeSuggestionEntity | null> {
    if (x === y || !evidence.length) return null;
    const [customerAId, customerBId] = orderedPair(x, y);
    const stored = await tx.suggestion(customerAId, customerBId);
    if (stored) {
      if (stored.status !== 'open') return null;
      const combined = combineEvidence(stored.evidence as MergeEvidence[], evidence);
      if (combined.length === stored.evidence.length) return null;
      await tx.updateSuggestionEvidence(stored.id, combined);
      return this.afterCommit(tx, { ...stored, evidence: combined });
    }
    const row = Object.assign(new MergeSuggestionEntity(), { id: newId(), customerAId, customerBId, evidence, status: 'open' as const, createdAt: new Date() });
    await tx.insertSuggestionUnlessTaken(row);
    this.logger.log({ event: 'merge_suggestion.created', suggestionId: row.id, customers: [customerAId, customerBId], evidence: evidence.map((e) => e.kind) }, 'merge suggested');
    return this.afterCommit(tx, row);
  }

  private afterCommit(tx: CustomerUnitOfWork, row: MergeSuggestionEntity): MergeSuggestionEntity {
    tx.afterCommit(() => this.announce(row).catch((err) => this.logger.warn(`merge suggestion not announced: ${err.message}`)));
    return row;
  }

  /** Customers with the same full name (any case, ё = е) reached on a channel other than `channel`. */
  async suggestNamesakes(tx: CustomerUnitOfWork, customer: CustomerEntity, channel: string): Promise<void> {
    const key = nameKey(customer.name);
    if (!key) return;
    for (const other of await tx.namesakes(key, customer.id, 10)) {
      const channels = await tx.channelsOf(other.id);
      const evidence = mergeEvidence({ ...other, channels }, { ...customer, channels: [channel] }).filter((e) => e.kind === 'same_name');
      await this.suggest(tx, other.id, customer.id, evidence);
    }
  }

  /** Tells agents about a suggestion whose transaction has committed (a pair merged away meanwhile is skipped). */
  private async announce(row: MergeSuggestionEntity): Promise<void> {
    const [dto] = await this.toDtos([row]);
    if (dto) this.realtime.toAgents(MERGE_EVENTS.suggestionCreated, dto);
  }

  /** Open suggestions, newest first; those naming `customerId` only, when given. */
  async list(customerId: string | undefined, limit: number): Promise<MergeSuggestionDto[]> {
    // A few more than asked: suggestions whose customer was merged away meanwhile are dropped below.
    const rows = await this.repo.openSuggestions(customerId, limit * 2);
    return (await this.toDtos(rows)).slice(0, limit);
  }

  async dismiss(id: string): Promise<void> {
    if (!(await this.repo.dismissSuggestion(id))) throw new NotFoundException(`Merge suggestion ${id} not found`);
  }

  /**
   * A merge settles the pair's suggestion. Others naming the merged-away source stay open but are
   * not listed while it is a pointer; an undo brings them back.
   */
  async settle(tx: CustomerUnitOfWork, targetId: string, sourceId: string): Promise<void> {
    const [customerAId, customerBId] = orderedPair(targetId, sourceId);
    await tx.settleSuggestion(customerAId, customerBId);
  }

  private async toDtos(rows: MergeSuggestionEntity[]): Promise<MergeSuggestionDto[]> {
    if (!rows.length) return [];
    const ids = [...new Set(rows.flatMap((r) => [r.customerAId, r.customerBId]))];
    const customers = new Map((await this.repo.customers(ids)).map((c) => [c.id, c]));
    const identities = await this.repo.identitiesOf(ids);
    const dto = (c: CustomerEntity): CustomerDto => toCustomerDto(c, identities.filter((i) => i.customerId === c.id));
    const out: MergeSuggestionDto[] = [];
    for (const row of rows) {
      const a = customers.get(row.customerAId);
      const b = customers.get(row.customerBId);
      if (!a || !b || a.mergedIntoId || b.mergedIntoId) continue;
      // The older record is the one to keep by default.
      const [keep, duplicate] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
      out.push({ id: row.id, customer: dto(keep), duplicate: dto(duplicate), evidence: row.evidence as MergeEvidence[], createdAt: row.createdAt.toISOString() });
    }
    return out;
  }
}
