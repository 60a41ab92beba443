import { oneStatement } from './one-statement';

describe('oneStatement', () => {
  it('chains the parts as data-modifying CTEs and renumbers their placeholders in order', () => {
    const [sql, params] = oneStatement([
      ['INSERT INTO "messages"("id", "content") VALUES ($1, $2)', ['m1', 'hello']],
      ['INSERT INTO "timeline_events"("id", "message_id") VALUES ($1, $2)', ['t1', 'm1']],
      ['UPDATE "conversations" SET "unread_count" = unread_count + 1, "updated_at" = $1 WHERE "id" = $2', ['now', 'c1']],
    ]);
    expect(sql).toBe(
      'WITH w0 AS (INSERT INTO "messages"("id", "content") VALUES ($1, $2)), '
      + 'w1 AS (INSERT INTO "timeline_events"("id", "message_id") VALUES ($3, $4)) '
      + 'UPDATE "conversations" SET "unread_count" = unread_count + 1, "updated_at" = $5 WHERE "id" = $6',
    );
    expect(params).toEqual(['m1', 'hello', 't1', 'm1', 'now', 'c1']);
  });

  it('renumbers two-digit placeholders as numbers, not text', () => {
    const many = Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(', ');
    const [sql, params] = oneStatement([
      [`INSERT INTO a VALUES (${many})`, Array.from({ length: 12 }, (_, i) => i)],
      ['UPDATE b SET x = $1 WHERE id = $12', Array.from({ length: 12 }, (_, i) => 100 + i)],
    ]);
    expect(sql).toContain('UPDATE b SET x = $13 WHERE id = $24');
    expect(params).toHaveLength(24);
  });

  it('passes a single statement through as it is', () => {
    expect(oneStatement([['INSERT INTO a VALUES ($1)', [1]]])).toEqual(['INSERT INTO a VALUES ($1)', [1]]);
  });
});
