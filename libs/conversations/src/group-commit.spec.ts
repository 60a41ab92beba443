import { GroupCommit } from './group-commit';

interface Item {
  sender: string;
  n: number;
}

/** A batch runner whose batches finish only when the test says so. */
function controlledRunner() {
  const batches: Item[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: Item[]) => {
    batches.push(items);
    return new Promise<PromiseSettledResult<string>[]>((resolve) => {
      finish.push(() => resolve(items.map((i) => (i.n < 0 ? { status: 'rejected', reason: new Error(`bad ${i.n}`) } : { status: 'fulfilled', value: `${i.sender}${i.n}` }))));
    });
  };
  return { batches, finish, run };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('runs a lone item at once and batches what arrives while a batch is in flight', async () => {
    const { batches, finish, run } = controlledRunner();
    const group = new GroupCommit(run, { concurrency: 1, maxBatch: 10, keyOf: (i: Item) => i.sender });
    const first = group.submit({ sender: 'a', n: 1 });
    expect(batches).toEqual([[{ sender: 'a', n: 1 }]]);
    const later = [group.submit({ sender: 'b', n: 1 }), group.submit({ sender: 'c', n: 1 })];
    expect(batches).toHaveLength(1);
    expect(group.waiting).toBe(2);
    finish[0]();
    await expect(first).resolves.toBe('a1');
    await flush();
    expect(batches[1]).toEqual([{ sender: 'b', n: 1 }, { sender: 'c', n: 1 }]);
    finish[1]();
    await expect(Promise.all(later)).resolves.toEqual(['b1', 'c1']);
  });

  it('with gatherTurn, an idle pipeline takes everything submitted in the same turn as one batch', async () => {
    const { batches, finish, run } = controlledRunner();
    const group = new GroupCommit(run, { concurrency: 2, maxBatch: 10, keyOf: (i: Item) => i.sender, gatherTurn: true });
    const sameTurn = [group.submit({ sender: 'a', n: 1 }), group.submit({ sender: 'b', n: 1 }), group.submit({ sender: 'a', n: 2 })];
    expect(batches).toHaveLength(0);
    await flush();
    // One sender's second message still waits for a later batch, after its first.
    expect(batches).toEqual([[{ sender: 'a', n: 1 }, { sender: 'b', n: 1 }]]);
    const nextTurn = group.submit({ sender: 'c', n: 1 });
    await flush();
    expect(batches[1]).toEqual([{ sender: 'c', n: 1 }]);
    finish[0]();
    await flush();
    expect(batches[2]).toEqual([{ sender: 'a', n: 2 }]);
    finish[1]();
    finish[2]();
    await expect(Promise.all([...sameTurn, nextTurn])).resolves.toEqual(['a1', 'b1', 'a2', 'c1']);
  });

  it('keeps one sender out of concurrent batches and in order', async () => {
    const { batches, finish, run } = controlledRunner();
    const group = new GroupCommit(run, { concurrency: 3, maxBatch: 10, keyOf: (i: Item) => i.sender });
    const results = [group.submit({ sender: 'a', n: 1 }), group.submit({ sender: 'a', n: 2 }), group.submit({ sender: 'b', n: 1 }), group.submit({ sender: 'a', n: 3 })];
    // 'a' is busy in the first batch: its next message waits, 'b' may go in a concurrent batch.
    expect(batches).toEqual([[{ sender: 'a', n: 1 }], [{ sender: 'b', n: 1 }]]);
    finish[0]();
    await flush();
    expect(batches[2]).toEqual([{ sender: 'a', n: 2 }]);
    finish[2]();
    await flush();
    expect(batches[3]).toEqual([{ sender: 'a', n: 3 }]);
    finish[1]();
    finish[3]();
    await expect(Promise.all(results)).resolves.toEqual(['a1', 'a2', 'b1', 'a3']);
  });

  it('caps the batch size', async () => {
    const { batches, finish, run } = controlledRunner();
    const group = new GroupCommit(run, { concurrency: 1, maxBatch: 2, keyOf: (i: Item) => i.sender });
    const all = ['a', 'b', 'c', 'd', 'e'].map((sender) => group.submit({ sender, n: 0 }));
    for (let i = 0; i < 3; i++) {
      finish[i]();
      await flush();
    }
    expect(batches.map((b) => b.map((i) => i.sender).join(''))).toEqual(['a', 'bc', 'de']);
    await expect(Promise.all(all)).resolves.toEqual(['a0', 'b0', 'c0', 'd0', 'e0']);
  });

  it('settles each item on its own, and fails the whole batch when the runner throws', async () => {
    const { finish, run } = controlledRunner();
    const group = new GroupCommit(run, { concurrency: 1, maxBatch: 10, keyOf: (i: Item) => i.sender });
    const ok = group.submit({ sender: 'a', n: 1 });
    const bad = group.submit({ sender: 'b', n: -1 });
    finish[0]();
    await expect(ok).resolves.toBe('a1');
    await flush();
    finish[1]();
    await expect(bad).rejects.toThrow('bad -1');

    const broken = new GroupCommit<Item, string>(() => Promise.reject(new Error('database down')), { concurrency: 1, maxBatch: 10, keyOf: (i) => i.sender });
    await expect(Promise.all([broken.submit({ sender: 'a', n: 1 }), broken.submit({ sender: 'b', n: 1 })])).rejects.toThrow('database down');
    // The group goes on after a failed batch.
    await expect(broken.submit({ sender: 'a', n: 2 })).rejects.toThrow('database down');
    expect(broken.waiting).toBe(0);
  });

  describe('isolating a poison item', () => {
    /**
     * A fake writer whose multi-row insert is all or nothing, like one SQL statement: a batch with a
     * poison item in it stores nothing and throws.
     */
    function allOrNothingWriter(poison: (item: Item) => boolean, error: () => Error) {
      const stored: Item[] = [];
      const runs: number[] = [];
      const run = async (items: Item[]): Promise<PromiseSettledResult<string>[]> => {
        runs.push(items.length);
        await flush();
        if (items.some(poison)) throw error();
        stored.push(...items);
        return items.map((i) => ({ status: 'fulfilled', value: `${i.sender}${i.n}` }));
      };
      return { stored, runs, run };
    }
    const refused = () => Object.assign(new Error('new row for relation "messages" violates check constraint'), { code: '23514' });
    const isolate = (err: unknown) => (err as { code?: string }).code === '23514';

    it('stores the 100 good items of a batch that also holds a poison one, and fails only that one', async () => {
      const writer = allOrNothingWriter((i) => i.sender === 'poison', refused);
      const group = new GroupCommit(writer.run, { concurrency: 1, maxBatch: 101, keyOf: (i: Item) => i.sender, gatherTurn: true, isolate });
      const good = Array.from({ length: 100 }, (_, n) => group.submit({ sender: `посетитель-${n}`, n }));
      const bad = group.submit({ sender: 'poison', n: 0 });
      const settled = await Promise.allSettled([...good, bad]);

      expect(settled.slice(0, 100).every((s) => s.status === 'fulfilled')).toBe(true);
      expect(settled[100]).toMatchObject({ status: 'rejected', reason: { code: '23514' } });
      expect(writer.stored.map((i) => i.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => n));
      // One batch of 101, then halves down to the poison: far fewer runs than one per item.
      expect(writer.runs[0]).toBe(101);
      expect(writer.runs.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(101)) + 1);
    });

    it('fails a whole batch at once when the failure is not about one item', async () => {
      const writer = allOrNothingWriter(() => true, () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
      const group = new GroupCommit(writer.run, { concurrency: 1, maxBatch: 10, keyOf: (i: Item) => i.sender, gatherTurn: true, isolate });
      const settled = await Promise.allSettled(['а', 'б', 'в'].map((sender) => group.submit({ sender, n: 1 })));
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(writer.runs).toEqual([3]);
    });

    it('keeps the pipeline going after isolating, in order per sender', async () => {
      const writer = allOrNothingWriter((i) => i.n < 0, refused);
      const group = new GroupCommit(writer.run, { concurrency: 2, maxBatch: 10, keyOf: (i: Item) => i.sender, gatherTurn: true, isolate });
      const first = [group.submit({ sender: 'а', n: 1 }), group.submit({ sender: 'б', n: -1 }), group.submit({ sender: 'в', n: 1 })];
      const second = group.submit({ sender: 'а', n: 2 });
      const settled = await Promise.allSettled([...first, second]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(writer.stored.filter((i) => i.sender === 'а').map((i) => i.n)).toEqual([1, 2]);
    });
  });
});
