import type { SearchFilters } from './ports/search-index.port';

export type Dialect = 'postgres' | 'sqlite';

/**
 * Numbered parameters ($1 on PostgreSQL, @p1 on SQLite, where better-sqlite3 binds names from one
 * object), so fragments can be built in any order.
 */
export class SqlParams {
  private readonly list: unknown[] = [];

  constructor(private readonly dialect: Dialect) {}

  add(value: unknown, cast = ''): string {
    this.list.push(value instanceof Date && this.dialect === 'sqlite' ? sqliteTime(value) : value);
    return this.dialect === 'postgres' ? `$${this.list.length}${cast}` : `@p${this.list.length}`;
  }

  get values(): unknown[] {
    return this.dialect === 'postgres' ? this.list : [Object.fromEntries(this.list.map((v, i) => [`p${i + 1}`, v]))];
  }
}

/** TypeORM's SQLite datetime text (UTC), which compares in time order. */
export const sqliteTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
export const fromSqliteTime = (v: string | Date): Date => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`));

/** Conditions on the matching messages (alias m): where and when they were written. */
export function messageConditions(f: SearchFilters, p: SqlParams, uuid: string): string[] {
  const out: string[] = [];
  if (f.channel) out.push(`m.channel = ${p.add(f.channel)}`);
  if (f.inboxId) out.push(`m.inbox_id = ${p.add(f.inboxId, uuid)}`);
  if (f.from) out.push(`m.created_at >= ${p.add(f.from)}`);
  if (f.to) out.push(`m.created_at < ${p.add(f.to)}`);
  return out;
}

/** Conditions on the conversation (alias c): team, status, assignee, label. */
export function conversationConditions(f: SearchFilters, p: SqlParams, uuid: string): string[] {
  const out: string[] = [];
  if (f.teamId) out.push(`c.team_id = ${p.add(f.teamId, uuid)}`);
  if (f.status) out.push(`c.status = ${p.add(f.status)}`);
  if (f.assigneeId === null) out.push('c.assignee_id IS NULL');
  else if (f.assigneeId) out.push(`c.assignee_id = ${p.add(f.assigneeId, uuid)}`);
  // conversation_labels(conversation_id, label_id) belongs to the labels capability.
  if (f.labelId) out.push(`EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ${p.add(f.labelId, uuid)})`);
  return out;
}

export const needsConversation = (f: SearchFilters): boolean => !!(f.teamId || f.status || f.assigneeId !== undefined || f.labelId);

export const hasMessageFilters = (f: SearchFilters): boolean => !!(f.channel || f.inboxId || f.from || f.to);

export const where = (conditions: string[]): string => (conditions.length ? `AND ${conditions.join(' AND ')}` : '');
