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

/** A cursor-paged list as the query cache holds it: the pages in the order they were read. */
export interface Pages<T> {
  pages: { items: T[]; nextCursor: string | null }[];
  pageParams: unknown[];
}

/** Every page as one list, without duplicates (a row an event moved can sit in two pages). */
export function flattenPages<T>(data: Pages<T> | undefined, options: MergeOptions<T>): T[] {
  return data ? mergeItems([], data.pages.flatMap((p) => p.items), options) : [];
}

/** The cursor of the next page, null when everything is loaded. */
export function nextCursorOf<T>(data: Pages<T> | undefined): string | null {
  return data?.pages[data.pages.length - 1]?.nextCursor ?? null;
}

/**
 * A live copy of an item: it replaces the copies in whichever pages hold it (through `prefer`), or
 * joins the first page; the flattened list sorts it into place either way.
 */
export function upsertInPages<T>(data: Pages<T>, item: T, options: Pick<MergeOptions<T>, 'id' | 'prefer'>): Pages<T> {
  const key = options.id(item);
  let found = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((i) => options.id(i) === key)) return page;
    found = true;
    return { ...page, items: page.items.map((i) => (options.id(i) === key ? (options.prefer ? options.prefer(i, item) : item) : i)) };
  });
  if (found) return { ...data, pages };
  if (!pages.length) return data;
  return { ...data, pages: [{ ...pages[0], items: [item, ...pages[0].items] }, ...pages.slice(1)] };
}

/** Changes items in place; the same object comes back when nothing changed, so nothing re-renders. */
export function mapPageItems<T>(data: Pages<T>, change: (item: T) => T): Pages<T> {
  let changed = false;
  const pages = data.pages.map((page) => {
    const items = page.items.map((i) => {
      const next = change(i);
      if (next !== i) changed = true;
      return next;
    });
    return items.some((i, n) => i !== page.items[n]) ? { ...page, items } : page;
  });
  return changed ? { ...data, pages } : data;
}

export function removeFromPages<T>(data: Pages<T>, keep: (item: T) => boolean): Pages<T> {
  if (data.pages.every((p) => p.items.every(keep))) return data;
  return { ...data, pages: data.pages.map((p) => (p.items.every(keep) ? p : { ...p, items: p.items.filter(keep) })) };
}
