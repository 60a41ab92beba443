/**
 * Several statements as one: data-modifying CTEs (PostgreSQL) run in one snapshot and commit
 * together, in one round trip. Each part's $n placeholders are renumbered after the ones before.
 */
export function oneStatement(parts: [string, unknown[]][]): [string, unknown[]] {
  if (parts.length === 1) return parts[0];
  const params: unknown[] = [];
  const sql = parts.map(([text, values]) => {
    const offset = params.length;
    params.push(...values);
    return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const last = sql.pop()!;
  return [`WITH ${sql.map((text, i) => `w${i} AS (${text})`).join(', ')} ${last}`, params];
}
