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
});
