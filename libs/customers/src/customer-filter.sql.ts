import type { SelectQueryBuilder } from 'typeorm';
import { type CustomerFilter, foldForSearch } from '@parley/domain';
import { type CustomerEntity, type DatabaseKind, searchFold } from '@parley/persistence';

/**
 * Narrows `qb` (alias `c`, live customers) to a customer segment: one SQL condition per filter.
 * Tags and attribute values are compared folded (searchFold), so «VIP», «vip» and «Постоянный»,
 * «постоянный» match on SQLite too, whose LOWER() folds ASCII only.
 */
export function applyCustomerFilter(qb: SelectQueryBuilder<CustomerEntity>, f: CustomerFilter, kind: DatabaseKind): SelectQueryBuilder<CustomerEntity> {
  const fold = (sql: string) => searchFold(kind, sql);
  if (f.tag) {
    qb.andWhere(
      kind === 'postgres'
        ? `EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.tags) tag(v) WHERE ${fold('tag.v')} = :tag)`
        : `EXISTS (SELECT 1 FROM json_each(c.tags) tag WHERE ${fold('tag.value')} = :tag)`,
      { tag: foldForSearch(f.tag) },
    );
  }
  if (f.attribute) {
    // The key is a bound parameter (a JSON path on SQLite), never spliced into the SQL.
    qb.andWhere(
      kind === 'postgres'
        ? `${fold('(c.attributes ->> CAST(:attrKey AS text))')} = :attrValue`
        : `${fold('CAST(json_extract(c.attributes, :attrKey) AS TEXT)')} = :attrValue`,
      { attrKey: kind === 'postgres' ? f.attribute.key : `$."${f.attribute.key}"`, attrValue: foldForSearch(f.attribute.value) },
    );
  }
  if (f.channel) qb.andWhere('EXISTS (SELECT 1 FROM channel_identities i WHERE i.customer_id = c.id AND i.channel = :channel)', { channel: f.channel });
  const lastContact = '(SELECT MAX(cv.last_message_at) FROM conversations cv WHERE cv.customer_id = c.id)';
  if (f.lastContactBefore) qb.andWhere(`${lastContact} < :lastContactBefore`, { lastContactBefore: new Date(f.lastContactBefore) });
  if (f.lastContactAfter) qb.andWhere(`${lastContact} >= :lastContactAfter`, { lastContactAfter: new Date(f.lastContactAfter) });
  if (f.lastScore) {
    qb.andWhere(
      '(SELECT sr.score FROM survey_responses sr WHERE sr.customer_id = c.id ORDER BY sr.answered_at DESC LIMIT 1) BETWEEN :scoreMin AND :scoreMax',
      { scoreMin: f.lastScore.min ?? 0, scoreMax: f.lastScore.max ?? 10 },
    );
  }
  return qb;
}
