import type { DataSource } from 'typeorm';

/**
 * Where the matching messages are read from: the messages of these few conversations, or the
 * word index, only messages written since `since` when the newest ones needed should all be there
 * (the caller reads again without the bound when they are not).
 */
export interface Plan { conversations: string[] | null; since: Date | null }

/** The planner's estimates for a match: rows passing every filter, and rows the word index yields. */
export interface MatchEstimate { filtered: number; matches: number }

/** messages.created_at as PostgreSQL's statistics see it: times at equal steps of rows, and the row count. */
interface Spread { bounds: number[]; rows: number }

/** The statistics change with ANALYZE, not per message: read them once a minute. */
const SPREAD_TTL = 60_000;
/**
 * Estimates are estimates: the window is sized for this many times the matches needed, plus a
 * cushion that matters for a page of 20 (a window sized for 40 held 17 in the bench: read twice).
 */
const MARGIN = 2;
const CUSHION = 40;
/**
 * What a message in the recency window costs, against a matching message read from the table: the
 * window is a bitmap of `created_at` index entries (about 0.07 µs a row in EXPLAIN ANALYZE on 1M
 * messages), a match is a heap visit and a recheck (about 4 µs).
 */
const WINDOW_ROW_COST = 1 / 50;

/**
 * Sizes the recency window from the planner's estimates in one step, instead of probing windows
 * with counts (each probe was one more pass over the word index): the density of matches among the
 * messages of the filtered period gives how many of the newest messages hold `need` matches, and
 * the `created_at` histogram gives the moment above which that many messages lie.
 */
export class PgSearchPlanner {
  private spread: { at: number; value: Promise<Spread | null> } | null = null;

  constructor(private readonly db: DataSource) {}

  /** The planner's row estimates for `sql` (a SELECT over messages m using the word index). */
  async estimate(sql: string, params: unknown[]): Promise<MatchEstimate> {
    const [{ 'QUERY PLAN': [{ Plan: plan }] }]: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] = await this.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const word = findNode(plan, (n) => n['Index Name'] === 'ix_messages_search');
    return { filtered: plan['Plan Rows'], matches: word?.['Plan Rows'] ?? plan['Plan Rows'] };
  }

  /**
   * The moment since which the messages below `top` should hold `need` of the matches, or null
   * when reading every match costs less than bounding them (few matches, or a window that would
   * cover most of the period anyway).
   */
  async since(estimate: MatchEstimate, need: number, top: number, from: number | null, to: number | null): Promise<Date | null> {
    const spread = await this.spreadOf();
    if (!spread || estimate.filtered <= 0) return null;
    const { bounds, rows } = spread;
    const period = rows * (position(bounds, to ?? Infinity) - position(bounds, from ?? -Infinity));
    if (period <= 0) return null;
    const windowRows = ((MARGIN * need + CUSHION) * period) / estimate.filtered;
    const share = windowRows / period;
    if (share >= 1 || windowRows * WINDOW_ROW_COST >= estimate.matches * (1 - share)) return null;
    const since = moment(bounds, position(bounds, top) - windowRows / rows);
    return since === null || (from !== null && since <= from) ? null : new Date(since);
  }

  private spreadOf(): Promise<Spread | null> {
    if (!this.spread || Date.now() - this.spread.at > SPREAD_TTL) {
      const value = this.db
        .query(`SELECT s.histogram_bounds::text AS bounds, c.reltuples::float8 AS rows FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename
          WHERE s.schemaname = current_schema() AND s.tablename = 'messages' AND s.attname = 'created_at' AND c.relnamespace = to_regnamespace(current_schema())`)
        .then((r: { bounds: string | null; rows: number }[]) => {
          const bounds = r[0]?.bounds ? parseTimes(r[0].bounds) : [];
          return bounds.length > 1 && r[0].rows > 0 ? { bounds, rows: r[0].rows } : null;
        });
      this.spread = { at: Date.now(), value };
    }
    return this.spread.value;
  }
}

interface PlanNode { 'Plan Rows': number; 'Index Name'?: string; Plans?: PlanNode[] }

function findNode(node: PlanNode, test: (n: PlanNode) => boolean): PlanNode | null {
  if (test(node)) return node;
  for (const child of node.Plans ?? []) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

/** `{"2026-01-01 10:00:00+00","…"}` as epoch milliseconds, ascending. */
function parseTimes(array: string): number[] {
  return array.replace(/^\{|\}$/g, '').split(',').map((s) => Date.parse(s.replace(/"/g, '').replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))).filter(Number.isFinite);
}

/** The share of rows written before `t` (0…1), read from equal-depth histogram bounds. */
export function position(bounds: number[], t: number): number {
  const last = bounds.length - 1;
  if (t <= bounds[0]) return 0;
  if (t >= bounds[last]) return 1;
  let i = 0;
  while (bounds[i + 1] <= t) i++;
  const width = bounds[i + 1] - bounds[i];
  return (i + (width > 0 ? (t - bounds[i]) / width : 0)) / last;
}

/** The moment before which `share` of the rows were written, or null for none. */
export function moment(bounds: number[], share: number): number | null {
  if (share <= 0) return null;
  const last = bounds.length - 1;
  if (share >= 1) return bounds[last];
  const i = Math.floor(share * last);
  return bounds[i] + (share * last - i) * (bounds[i + 1] - bounds[i]);
}
