/**
 * Group commit: work submitted while earlier batches are in flight waits and then goes as one batch
 * (one transaction, multi-row statements). An idle pipeline runs a lone item at once, so batching
 * adds no delay at low load and grows on its own as load rises.
 *
 * Items with the same key (one sender) never share a batch nor run concurrently, and keep their
 * order: the second message of a chat is stored after the first, in a later batch.
 */
export interface GroupCommitOptions<T> {
  /** Batches in flight at once. */
  concurrency: number;
  maxBatch: number;
  keyOf(item: T): string;
  /**
   * Let an idle pipeline wait for the end of the event loop's current turn (setImmediate) before it
   * runs, so that what arrived in one turn (requests read off several sockets in one poll) goes as
   * one batch instead of the first alone. Worth it where a batch's fixed cost dominates (a system
   * call); the wait is no longer than the turn.
   */
  gatherTurn?: boolean;
  /**
   * Whether a batch of several items that failed as a whole is split in halves and each half tried
   * again, down to the one item that fails it (a row the database refuses must not take a hundred
   * others with it). False for a failure every item would meet (the database is down): the batch
   * fails at once, not after a cascade of doomed retries. Default: never split.
   */
  isolate?(reason: unknown): boolean;
}

interface Entry<T, R> {
  item: T;
  key: string;
  resolve(result: R): void;
  reject(reason: unknown): void;
}

export class GroupCommit<T, R> {
  private pending: Entry<T, R>[] = [];
  private readonly busy = new Set<string>();
  private running = 0;
  private gathering = false;

  /** `run` settles each item of the batch on its own: one failure does not fail its neighbours. */
  constructor(
    private readonly run: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, key: this.options.keyOf(item), resolve, reject });
      if (!this.options.gatherTurn) this.pump();
      else if (!this.gathering) {
        this.gathering = true;
        setImmediate(() => {
          this.gathering = false;
          this.pump();
        });
      }
    });
  }

  /** Items waiting for a batch (for diagnostics and tests). */
  get waiting(): number {
    return this.pending.length;
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.pending.length > 0) {
      const batch: Entry<T, R>[] = [];
      const rest: Entry<T, R>[] = [];
      const keys = new Set<string>();
      for (const entry of this.pending) {
        if (batch.length < this.options.maxBatch && !this.busy.has(entry.key) && !keys.has(entry.key)) {
          batch.push(entry);
          keys.add(entry.key);
        } else {
          rest.push(entry);
        }
      }
      if (batch.length === 0) return;
      this.pending = rest;
      for (const key of keys) this.busy.add(key);
      this.running++;
      void this.execute(batch).finally(() => {
        this.running--;
        for (const key of keys) this.busy.delete(key);
        this.pump();
      });
    }
  }

  private async execute(batch: Entry<T, R>[]): Promise<void> {
    let results: PromiseSettledResult<R>[];
    try {
      results = await this.run(batch.map((e) => e.item));
    } catch (err) {
      if (batch.length > 1 && this.isolates(err)) {
        // Bisect: one bad item among n costs about 2·log2(n) more runs, and its neighbours succeed.
        const half = Math.ceil(batch.length / 2);
        await this.execute(batch.slice(0, half));
        await this.execute(batch.slice(half));
      } else {
        for (const entry of batch) entry.reject(err);
      }
      return;
    }
    batch.forEach((entry, i) => {
      const r = results[i];
      if (!r) entry.reject(new Error('group commit: no result for this item'));
      else if (r.status === 'fulfilled') entry.resolve(r.value);
      else entry.reject(r.reason);
    });
  }

  private isolates(reason: unknown): boolean {
    try {
      return this.options.isolate?.(reason) === true;
    } catch {
      return false;
    }
  }
}
