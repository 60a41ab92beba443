import type { EntityManager } from 'typeorm';
import { CustomerEntity } from '@parley/persistence';
import { mergedFields } from '@parley/domain';

type Attributes = Record<string, unknown>;

const isPostgres = (em: EntityManager) => em.connection.options.type === 'postgres';

/** `tags` followed by those of `other` it lacks (jsonb arrays; order kept, as mergedFields keeps it). */
const tagUnion = (tags: string, other: string) =>
  `${tags} || coalesce((SELECT jsonb_agg(x ORDER BY n) FROM jsonb_array_elements(${other}) WITH ORDINALITY AS e(x, n) WHERE NOT ${tags} @> jsonb_build_array(x)), '[]'::jsonb)`;

/**
 * A customer's attributes and tags change inside the database, never as a read-modify-write in
 * JavaScript that would lose a concurrent writer's keys. PostgreSQL: one UPDATE with jsonb `||`.
 * SQLite: the caller's transaction (withTransaction runs them one at a time) makes the read and the
 * write one step.
 */
export async function mergeCustomerInto(em: EntityManager, targetId: string, sourceId: string): Promise<void> {
  if (isPostgres(em)) {
    await em.query(
      `UPDATE customers t SET attributes = s.attributes || t.attributes, tags = ${tagUnion('t.tags', 's.tags')}, updated_at = now() FROM customers s WHERE t.id = $1 AND s.id = $2`,
      [targetId, sourceId],
    );
    return;
  }
  const target = await em.findOneByOrFail(CustomerEntity, { id: targetId });
  const source = await em.findOneByOrFail(CustomerEntity, { id: sourceId });
  const { attributes, tags } = mergedFields(target, source);
  await em.update(CustomerEntity, { id: targetId }, { attributes, tags, updatedAt: new Date() });
}

/** Adds the attributes a customer does not have yet (those it has keep their values): a channel's fill. */
export async function fillCustomerAttributes(em: EntityManager, customerId: string, attributes: Attributes): Promise<void> {
  if (isPostgres(em)) {
    await em.query(`UPDATE customers SET attributes = $2::jsonb || attributes, updated_at = now() WHERE id = $1`, [customerId, JSON.stringify(attributes)]);
    return;
  }
  const customer = await em.findOneByOrFail(CustomerEntity, { id: customerId });
  await em.update(CustomerEntity, { id: customerId }, { attributes: { ...attributes, ...(customer.attributes ?? {}) }, updatedAt: new Date() });
}
