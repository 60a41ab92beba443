import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, In, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { CustomerDto, MergeEvidence, MergeSuggestionDto } from '@parley/contracts';
import { MERGE_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { combineEvidence, mergeEvidence, nameKey, newId, orderedPair } from '@parley/domain';
import { ChannelIdentityEntity, CustomerEntity, MergeSuggestionEntity, searchFold } from '@parley/persistence';
import { toCustomerDto } from './customer.mapper';

/**
 * Pairs of customers that look like one person. Weak evidence (a typed pre-chat address, the same
 * name, an address written differently) never merges anyone: it lands here for an agent to judge.
 */
@Injectable()
export class MergeSuggestionsService implements EntitySubscriberInterface {
  private readonly logger = new Logger(MergeSuggestionsService.name);
  /** Suggestions written in a transaction still open: agents hear of them once it commits. */
  private readonly pending = new WeakMap<QueryRunner, MergeSuggestionEntity[]>();

  constructor(private readonly db: DataSource, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {
    // Suggestions are made inside the ingest transaction: announcing them before it commits would
    // show agents a pair they cannot open yet (or ever, after a rollback).
    db.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const rows = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    if (rows) this.announce(rows).catch((err) => this.logger.warn(`merge suggestion not announced: ${err.message}`));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  /**
   * Records (or adds evidence to) the suggestion for a pair; a dismissed or merged pair stays so.
   * Returns the suggestion to announce once the caller's transaction is committed, or null.
   */
  async suggest(em: EntityManager, x: string, y: string, evidence: MergeEvidence[]): Promise<MergeSuggestionEntity | null> {
    if (x === y || !evidence.length) return null;
    const [customerAId, customerBId] = orderedPair(x, y);
    const stored = await em.findOneBy(MergeSuggestionEntity, { customerAId, customerBId });
    if (stored) {
      if (stored.status !== 'open') return null;
      const combined = combineEvidence(stored.evidence as MergeEvidence[], evidence);
      if (combined.length === stored.evidence.length) return null;
      await em.update(MergeSuggestionEntity, { id: stored.id }, { evidence: combined });
      return this.afterCommit(em, { ...stored, evidence: combined });
    }
    const row = em.create(MergeSuggestionEntity, { id: newId(), customerAId, customerBId, evidence, status: 'open', createdAt: new Date() });
    // Two nodes may suggest one pair at once: the unique pair index keeps one.
    await em.createQueryBuilder().insert().into(MergeSuggestionEntity).values(row).orIgnore().execute();
    this.logger.log({ event: 'merge_suggestion.created', suggestionId: row.id, customers: [customerAId, customerBId], evidence: evidence.map((e) => e.kind) }, 'merge suggested');
    return this.afterCommit(em, row);
  }

  private afterCommit(em: EntityManager, row: MergeSuggestionEntity): MergeSuggestionEntity {
    const runner = em.queryRunner;
    if (runner?.isTransactionActive) this.pending.set(runner, [...(this.pending.get(runner) ?? []), row]);
    else void this.announce([row]).catch((err) => this.logger.warn(`merge suggestion not announced: ${err.message}`));
    return row;
  }

  /** Customers with the same full name (any case, ё = е) reached on a channel other than `channel`. */
  async suggestNamesakes(em: EntityManager, customer: CustomerEntity, channel: string): Promise<void> {
    const key = nameKey(customer.name);
    if (!key) return;
    const kind = em.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    const namesakes = await em.createQueryBuilder(CustomerEntity, 'c')
      .where(`${searchFold(kind, 'c.name')} = :key AND c.mergedIntoId IS NULL AND c.id != :id`, { key, id: customer.id })
      .orderBy('c.createdAt', 'ASC').take(10).getMany();
    for (const other of namesakes) {
      const channels = (await em.find(ChannelIdentityEntity, { select: { channel: true }, where: { customerId: other.id } })).map((i) => i.channel);
      const evidence = mergeEvidence({ ...other, channels }, { ...customer, channels: [channel] }).filter((e) => e.kind === 'same_name');
      await this.suggest(em, other.id, customer.id, evidence);
    }
  }

  /** Tells agents about suggestions whose transaction has committed (a pair merged away meanwhile is skipped). */
  private async announce(rows: MergeSuggestionEntity[]): Promise<void> {
    for (const row of rows) {
      const [dto] = await this.toDtos([row]);
      if (dto) this.realtime.toAgents(MERGE_EVENTS.suggestionCreated, dto);
    }
  }

  /** Open suggestions, newest first; those naming `customerId` only, when given. */
  async list(customerId: string | undefined, limit: number): Promise<MergeSuggestionDto[]> {
    const qb = this.db.getRepository(MergeSuggestionEntity).createQueryBuilder('s').where('s.status = :open', { open: 'open' });
    if (customerId) qb.andWhere('(s.customerAId = :customerId OR s.customerBId = :customerId)', { customerId });
    // A few more than asked: suggestions whose customer was merged away meanwhile are dropped below.
    const rows = await qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC').take(limit * 2).getMany();
    return (await this.toDtos(rows)).slice(0, limit);
  }

  async dismiss(id: string): Promise<void> {
    const res = await this.db.getRepository(MergeSuggestionEntity).update({ id }, { status: 'dismissed' });
    if (!res.affected) throw new NotFoundException(`Merge suggestion ${id} not found`);
  }

  /**
   * A merge settles the pair's suggestion. Others naming the merged-away source stay open but are
   * not listed while it is a pointer; an undo brings them back.
   */
  async settle(em: EntityManager, targetId: string, sourceId: string): Promise<void> {
    const [customerAId, customerBId] = orderedPair(targetId, sourceId);
    await em.update(MergeSuggestionEntity, { customerAId, customerBId, status: 'open' }, { status: 'merged' });
  }

  private async toDtos(rows: MergeSuggestionEntity[]): Promise<MergeSuggestionDto[]> {
    if (!rows.length) return [];
    const ids = [...new Set(rows.flatMap((r) => [r.customerAId, r.customerBId]))];
    const customers = new Map((await this.db.getRepository(CustomerEntity).findBy({ id: In(ids) })).map((c) => [c.id, c]));
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({ where: { customerId: In(ids) }, order: { createdAt: 'ASC' } });
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
