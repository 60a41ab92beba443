import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, In, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { CustomerFilter } from '@parley/domain';
import {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, CustomerMergeEntity, type DatabaseKind, InboxEntity, Keyset, keysetCondition, MergeSuggestionEntity,
  TimelineEventEntity, withTransaction,
} from '@parley/persistence';
import type { CustomerListing, CustomerQuery, CustomerRepository, CustomerUnitOfWork, HeldTransaction } from './ports/customer.repository';
import { customerTags, lastContacts, listCustomers } from './typeorm-customer-directory';
import { channelsOf, typeormCustomerUnitOfWork } from './typeorm-customer-unit-of-work';
import { applyCustomerFilter } from './customer-filter.sql';

type AfterCommit = () => Promise<void>;

/** The customers capability's storage on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmCustomerRepository implements CustomerRepository, EntitySubscriberInterface {
  private readonly logger = new Logger(TypeOrmCustomerRepository.name);
  /** Work waiting for a transaction still open to commit (merge suggestions agents hear of). */
  private readonly pending = new WeakMap<QueryRunner, AfterCommit[]>();

  constructor(private readonly db: DataSource) {
    // Suggestions are made inside the ingest transaction: announcing them before it commits would
    // show agents a pair they cannot open yet (or ever, after a rollback).
    db.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const work = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    if (work) void this.runInOrder(work);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  transaction<T>(work: (tx: CustomerUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(this.unitOf(em)));
  }

  join(held: HeldTransaction): CustomerUnitOfWork {
    return this.unitOf(held as EntityManager);
  }

  private unitOf(em: EntityManager): CustomerUnitOfWork {
    return typeormCustomerUnitOfWork(em, (work) => {
      const runner = em.queryRunner;
      if (runner?.isTransactionActive) this.pending.set(runner, [...(this.pending.get(runner) ?? []), work]);
      else void this.runInOrder([work]);
    });
  }

  private async runInOrder(work: AfterCommit[]): Promise<void> {
    for (const w of work) await w().catch((err) => this.logger.warn(`after commit: ${err.message}`));
  }

  customer(id: string) { return this.db.getRepository(CustomerEntity).findOneBy({ id }); }

  customers(ids: string[]) { return this.db.getRepository(CustomerEntity).findBy({ id: In(ids) }); }

  async updateCustomer(id: string, changes: Partial<CustomerEntity>) {
    await this.db.getRepository(CustomerEntity).update({ id }, changes);
  }

  identitiesOf(customerIds: string[]) {
    return this.db.getRepository(ChannelIdentityEntity).find({ where: { customerId: In(customerIds) }, order: { createdAt: 'ASC' } });
  }

  /** Text is compared folded on both databases: SQLite's registered fold function, PostgreSQL's translate(lower(normalize())). */
  search(query: CustomerQuery | null, listing: CustomerListing, take: number) { return listCustomers(this.db, query, listing, take); }

  lastContacts(customerIds: string[]) { return lastContacts(this.db, customerIds); }

  tags(take: number) { return customerTags(this.db, take); }

  segment(filter: CustomerFilter, after: Keyset | null, take: number) {
    const qb = applyCustomerFilter(this.live(), filter, this.kind());
    if (after) {
      const older = keysetCondition(['c.updatedAt', 'c.id'], after, 'DESC');
      qb.andWhere(older.where, older.parameters);
    }
    return qb.orderBy('c.updatedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(take).getMany();
  }

  countSegment(filter: CustomerFilter) { return applyCustomerFilter(this.live(), filter, this.kind()).getCount(); }

  private live() { return this.db.getRepository(CustomerEntity).createQueryBuilder('c').where('c.mergedIntoId IS NULL'); }

  private kind(): DatabaseKind { return this.db.options.type === 'postgres' ? 'postgres' : 'sqlite'; }

  async lastInboxPhoneRegion(customerId: string) {
    const last = await this.db.getRepository(ConversationEntity).findOne({ select: { inboxId: true }, where: { customerId }, order: { createdAt: 'DESC' } });
    const inbox = last && (await this.db.getRepository(InboxEntity).findOneBy({ id: last.inboxId }));
    return inbox?.config?.phoneRegion;
  }

  channelsOf(customerId: string) { return channelsOf(this.db.manager, customerId); }

  countConversations(customerId: string) { return this.db.getRepository(ConversationEntity).countBy({ customerId }); }

  countTimelineEvents(customerId: string) { return this.db.getRepository(TimelineEventEntity).countBy({ customerId }); }

  mergesOf(customerId: string, take: number) {
    return this.db.getRepository(CustomerMergeEntity).find({
      where: [{ targetCustomerId: customerId }, { sourceCustomerId: customerId }],
      order: { mergedAt: 'DESC' },
      take,
    });
  }

  openSuggestions(customerId: string | undefined, take: number) {
    const qb = this.db.getRepository(MergeSuggestionEntity).createQueryBuilder('s').where('s.status = :open', { open: 'open' });
    if (customerId) qb.andWhere('(s.customerAId = :customerId OR s.customerBId = :customerId)', { customerId });
    return qb.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC').take(take).getMany();
  }

  async dismissSuggestion(id: string) {
    return !!(await this.db.getRepository(MergeSuggestionEntity).update({ id }, { status: 'dismissed' })).affected;
  }

  /**
   * Served by ix_timeline_customer_occurred. The customer panel's hot path, so one plain statement
   * and plain rows (the query builder and entity hydration were a tenth of the request's CPU), the
   * same SQL and row comparison the query builder wrote (keyset-plans.int-spec checks its plan).
   */
  async timeline(customerId: string, before: Keyset | null, take: number): Promise<TimelineEventEntity[]> {
    const postgres = this.db.options.type === 'postgres';
    const at = (d: Date) => (postgres ? d : d.toISOString().replace('T', ' ').replace('Z', ''));
    const params: unknown[] = before ? [customerId, at(before.at), before.id] : [customerId];
    const [p1, p2, p3] = postgres ? ['$1', '$2', '$3'] : ['?', '?', '?'];
    const rows: TimelineRow[] = await this.db.query(
      `SELECT ${TIMELINE_COLUMNS} FROM "timeline_events" "e" WHERE "e"."customer_id" = ${p1} ${before ? `AND ("e"."occurred_at", "e"."id") < (${p2}, ${p3})` : ''}
      ORDER BY "e"."occurred_at" DESC, "e"."id" DESC LIMIT ${Math.max(0, Math.floor(take))}`,
      params,
    );
    return rows.map((r) => timelineEvent(r, postgres));
  }
}

const TIMELINE_COLUMNS = ['id', 'customer_id', 'type', 'occurred_at', 'channel', 'conversation_id', 'message_id', 'direction', 'content', 'title', 'author_name', 'data'].map((c) => `"e"."${c}"`).join(', ');

interface TimelineRow {
  id: string; customer_id: string; type: TimelineEventEntity['type']; occurred_at: Date | string; channel: TimelineEventEntity['channel']; conversation_id: string | null;
  message_id: string | null; direction: TimelineEventEntity['direction']; content: string | null; title: string | null; author_name: string | null; data: TimelineEventEntity['data'] | string;
}

/** A row as TypeORM hydrates it: SQLite's UTC datetime text and JSON text read as a Date and an object. */
function sqliteDate(text: string): Date {
  const iso = text.replace(' ', 'T');
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
}

function timelineEvent(r: TimelineRow, postgres: boolean): TimelineEventEntity {
  return Object.assign(new TimelineEventEntity(), {
    id: r.id, customerId: r.customer_id, type: r.type, channel: r.channel, conversationId: r.conversation_id, messageId: r.message_id, direction: r.direction,
    content: r.content, title: r.title, authorName: r.author_name,
    occurredAt: r.occurred_at instanceof Date ? r.occurred_at : sqliteDate(r.occurred_at),
    data: typeof r.data === 'string' && !postgres ? JSON.parse(r.data) : r.data,
  });
}
