// Cursor pages and live events both feed the same lists; this keeps each list free of duplicates
// and in one order whatever the arrival order was.

export interface MergeOptions<T> {
  id: (item: T) => string;
  compare: (a: T, b: T) => number;
  /** Which copy survives when both lists hold the same id; defaults to the incoming one. */
  prefer?: (current: T, incoming: T) => T;
}

export function mergeItems<T>(current: readonly T[], incoming: readonly T[], options: MergeOptions<T>): T[] {
  const byId = new Map<string, T>();
  for (const item of current) byId.set(options.id(item), item);
  for (const item of incoming) {
    const key = options.id(item);
    const existing = byId.get(key);
    byId.set(key, existing !== undefined && options.prefer ? options.prefer(existing, item) : item);
  }
  return [...byId.values()].sort(options.compare);
}

/** Newest first by an ISO timestamp, id as tie-breaker so equal timestamps stay stable. */
export function newestFirst<T>(time: (item: T) => string, id: (item: T) => string) {
  return (a: T, b: T): number => {
    const diff = Date.parse(time(b)) - Date.parse(time(a));
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
    return id(b) < id(a) ? -1 : id(b) > id(a) ? 1 : 0;
  };
}

export function oldestFirst<T>(time: (item: T) => string, id: (item: T) => string) {
  const desc = newestFirst(time, id);
  return (a: T, b: T): number => desc(b, a);
}

/** The copy with the later `updatedAt` wins, so a late, stale event cannot undo a newer state. */
export function preferLatest<T extends { updatedAt: string }>(current: T, incoming: T): T {
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt) ? incoming : current;
}
