import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { CustomerSort, CustomerTagDto } from '@parley/contracts';
import { ConversationEntity, CustomerEntity, searchFold } from '@parley/persistence';
import type { DirectoryKey } from './customer-directory';
import type { CustomerListing, CustomerListRow, CustomerQuery } from './ports/customer.repository';

type Kind = 'sqlite' | 'postgres';

/** A directory order as SQL: the row `(rank, value, c.id)` is sorted and compared as one. */
interface SortSql {
  /** Null: one rank for every row (a constant would be read as a column number in ORDER BY). */
  rank: string | null;
  value: string;
  descending: boolean;
  /** The value is a timestamp: the cursor keeps it as ISO text, the query compares a Date. */
  timestamp: boolean;
}

const LAST_CONTACT = `(SELECT MAX(v.last_message_at) FROM conversations v WHERE v.customer_id = c.id)`;

function sortSql(sort: CustomerSort, kind: Kind): SortSql {
  switch (sort) {
    case 'name':
      // Folded as search folds (any case, ё = е), so «ёлка» and «Елена» sort together on both databases.
      return { rank: `CASE WHEN c.name IS NULL OR c.name = '' THEN 1 ELSE 0 END`, value: searchFold(kind, `COALESCE(c.name, '')`), descending: false, timestamp: false };
    case 'lastContact':
      // Never contacted customers come after the others, newest created first.
      return { rank: `CASE WHEN ${LAST_CONTACT} IS NULL THEN 0 ELSE 1 END`, value: `COALESCE(${LAST_CONTACT}, c.created_at)`, descending: true, timestamp: true };
    case 'newest':
      return { rank: null, value: 'c.created_at', descending: true, timestamp: true };
    case 'updated':
      return { rank: null, value: 'c.updated_at', descending: true, timestamp: true };
  }
}

/** SQLite hands timestamps back as UTC text ('YYYY-MM-DD HH:MM:SS.SSS'), PostgreSQL as Dates. */
function isoOf(raw: unknown): string {
  if (raw instanceof Date) return raw.toISOString();
  const text = String(raw);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}

function matching(qb: SelectQueryBuilder<CustomerEntity>, kind: Kind, query: CustomerQuery): void {
  const fold = (column: string) => searchFold(kind, column);
  const escape = (text: string) => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const { phone, digits } = query;
  qb.andWhere(
    `(${fold('c.name')} LIKE :like ESCAPE '\\' OR ${fold('c.email')} LIKE :like ESCAPE '\\' OR c.phone LIKE :like ESCAPE '\\'
      ${phone ? 'OR c.phone = :phone' : ''} ${digits ? 'OR c.phone LIKE :digits' : ''}
      OR c.id IN (SELECT i.customer_id FROM channel_identities i WHERE ${fold('i.external_id')} LIKE :like ESCAPE '\\'
        ${phone ? 'OR i.external_id IN (:phone, :whatsapp)' : ''}))`,
    { like: escape(query.folded), phone, whatsapp: `whatsapp:${phone}`, digits: digits && `%${digits}%` },
  );
}

/** Live customers matching the query and the listing's filters, one page of its order. */
export async function listCustomers(db: DataSource, query: CustomerQuery | null, listing: CustomerListing, take: number): Promise<CustomerListRow[]> {
  const kind: Kind = db.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const order = sortSql(listing.sort, kind);
  const qb = db.getRepository(CustomerEntity).createQueryBuilder('c').where('c.mergedIntoId IS NULL');
  if (query) matching(qb, kind, query);
  if (listing.channel) {
    qb.andWhere('EXISTS (SELECT 1 FROM channel_identities ci WHERE ci.customer_id = c.id AND ci.channel = :channel)', { channel: listing.channel });
  }
  if (listing.tag !== undefined) {
    qb.andWhere(
      kind === 'postgres' ? 'c.tags @> jsonb_build_array(CAST(:tag AS text))' : 'EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = :tag)',
      { tag: listing.tag },
    );
  }
  if (listing.after) {
    const { rank, value, id } = listing.after;
    const row = order.rank ? `(${order.rank}, ${order.value}, c.id)` : `(${order.value}, c.id)`;
    const cursor = order.rank ? '(:afterRank, :afterValue, :afterId)' : '(:afterValue, :afterId)';
    qb.andWhere(`${row} ${order.descending ? '<' : '>'} ${cursor}`, {
      afterRank: rank,
      afterValue: order.timestamp ? new Date(value) : value,
      afterId: id,
    });
  }
  const direction = order.descending ? 'DESC' : 'ASC';
  qb.addSelect(order.value, 'directory_value');
  if (order.rank) qb.addSelect(order.rank, 'directory_rank').orderBy(order.rank, direction).addOrderBy(order.value, direction);
  else qb.orderBy(order.value, direction);
  qb.addOrderBy('c.id', direction).limit(take);
  const { entities, raw } = await qb.getRawAndEntities<{ directory_rank?: unknown; directory_value: unknown }>();
  return entities.map((customer, i) => ({
    customer,
    key: {
      rank: order.rank ? Number(raw[i].directory_rank) : 0,
      value: order.timestamp ? isoOf(raw[i].directory_value) : String(raw[i].directory_value),
      id: customer.id,
    } satisfies DirectoryKey,
  }));
}

export async function lastContacts(db: DataSource, customerIds: string[]): Promise<Map<string, Date>> {
  if (!customerIds.length) return new Map();
  const rows = await db.getRepository(ConversationEntity).createQueryBuilder('v')
    .select('v.customerId', 'customerId').addSelect('MAX(v.lastMessageAt)', 'at')
    .where('v.customerId IN (:...customerIds)', { customerIds }).groupBy('v.customerId')
    .getRawMany<{ customerId: string; at: unknown }>();
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.customerId, new Date(isoOf(r.at))]));
}

export async function customerTags(db: DataSource, take: number): Promise<CustomerTagDto[]> {
  const elements = db.options.type === 'postgres'
    ? `SELECT jsonb_array_elements_text(c.tags) AS tag FROM customers c WHERE c.merged_into_id IS NULL AND jsonb_typeof(c.tags) = 'array'`
    : `SELECT t.value AS tag FROM customers c, json_each(c.tags) t WHERE c.merged_into_id IS NULL`;
  const rows: { tag: string; customers: number | string }[] = await db.query(
    `SELECT tag, COUNT(*) AS customers FROM (${elements}) tags GROUP BY tag ORDER BY COUNT(*) DESC, tag LIMIT ${Math.trunc(take)}`,
  );
  return rows.map((r) => ({ tag: String(r.tag), customers: Number(r.customers) }));
}
