import { flattenPages, mapPageItems, mergeItems, newestFirst, oldestFirst, preferLatest, removeFromPages, upsertInPages, type Pages } from './page-merge';

interface Row {
  id: string;
  at: string;
  updatedAt: string;
  label?: string;
}

const row = (id: string, at: string, label?: string, updatedAt = at): Row => ({ id, at, updatedAt, label });
const desc = newestFirst<Row>((r) => r.at, (r) => r.id);

describe('mergeItems', () => {
  it('appends the next cursor page without duplicating rows that moved between pages', () => {
    const firstPage = [row('c', '2024-01-03T00:00:00Z'), row('b', '2024-01-02T00:00:00Z')];
    const secondPage = [row('b', '2024-01-02T00:00:00Z'), row('a', '2024-01-01T00:00:00Z')];
    const merged = mergeItems(firstPage, secondPage, { id: (r) => r.id, compare: desc });
    expect(merged.map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it('lets the incoming copy replace the current one by default', () => {
    const merged = mergeItems([row('a', '2024-01-01T00:00:00Z', 'old')], [row('a', '2024-01-01T00:00:00Z', 'new')], {
      id: (r) => r.id,
      compare: desc,
    });
    expect(merged).toEqual([row('a', '2024-01-01T00:00:00Z', 'new')]);
  });

  it('keeps the newer copy when told to prefer the latest update', () => {
    const current = row('a', '2024-01-01T00:00:00Z', 'fresh', '2024-01-05T00:00:00Z');
    const stale = row('a', '2024-01-01T00:00:00Z', 'stale', '2024-01-02T00:00:00Z');
    const merged = mergeItems([current], [stale], { id: (r) => r.id, compare: desc, prefer: preferLatest });
    expect(merged[0].label).toBe('fresh');
  });

  it('sorts oldest first for threads and breaks timestamp ties by id', () => {
    const asc = oldestFirst<Row>((r) => r.at, (r) => r.id);
    const merged = mergeItems(
      [row('m2', '2024-01-01T00:00:01Z'), row('m1b', '2024-01-01T00:00:00Z')],
      [row('m1a', '2024-01-01T00:00:00Z')],
      { id: (r) => r.id, compare: asc },
    );
    expect(merged.map((r) => r.id)).toEqual(['m1a', 'm1b', 'm2']);
  });
});

describe('cached pages', () => {
  type Item = { id: string; n: number };
  const byId = (i: Item) => i.id;
  const data: Pages<Item> = {
    pages: [
      { items: [{ id: 'a', n: 1 }], nextCursor: 'c1' },
      { items: [{ id: 'b', n: 1 }], nextCursor: null },
    ],
    pageParams: [null, 'c1'],
  };

  it('replaces an item in the page that holds it and adds a new one to the first page', () => {
    const updated = upsertInPages(upsertInPages(data, { id: 'b', n: 2 }, { id: byId }), { id: 'c', n: 1 }, { id: byId });
    expect(updated.pages.map((p) => p.items.map((i) => `${i.id}${i.n}`))).toEqual([['c1', 'a1'], ['b2']]);
    expect(updated.pageParams).toEqual([null, 'c1']);
  });

  it('hands back the same object when nothing changes, so nothing re-renders', () => {
    expect(mapPageItems(data, (i) => i)).toBe(data);
    expect(removeFromPages(data, () => true)).toBe(data);
  });

  it('flattens the pages into one ordered list without duplicates', () => {
    const twice = upsertInPages({ ...data, pages: [{ items: [{ id: 'b', n: 1 }], nextCursor: 'c1' }, ...data.pages.slice(1)] }, { id: 'b', n: 3 }, { id: byId });
    expect(flattenPages(twice, { id: byId, compare: (x, y) => x.id.localeCompare(y.id) })).toEqual([{ id: 'b', n: 3 }]);
  });
});
