import type { DomainEvent, DomainEventType } from './domain-events';

/**
 * What one listener learned in a dispatch, for the listeners declared `after` it (the routing
 * listener reads the sentiments, the SLA listener whether routing assigned). Absent when the
 * producer did not run in this dispatch (a retry of a later listener alone): the reader then reads
 * the stored state or takes the safe path.
 */
export interface DispatchFact<T> {
  readonly name: string;
  /** Never set: carries `T` for the compiler. */
  readonly value?: T;
}

export const dispatchFact = <T>(name: string): DispatchFact<T> => ({ name });

export class DispatchFacts {
  private readonly values = new Map<string, unknown>();

  set<T>(fact: DispatchFact<T>, value: T): void {
    this.values.set(fact.name, value);
  }

  get<T>(fact: DispatchFact<T>): T | undefined {
    return this.values.get(fact.name) as T | undefined;
  }
}

/**
 * A capability's reaction to domain events (Chatwoot's listener): it registers itself when its
 * module starts, and the worker's dispatcher hands it the events of the types it listens to.
 *
 * A listener must be idempotent: a job may run twice (a worker dying mid-job), and a listener that
 * failed is retried alone in its own job, together with the listeners declared after it.
 */
export interface DomainEventListener {
  /** Unique; names the listener in logs, retry jobs and dead letters, and in other listeners' `after`. */
  readonly name: string;
  readonly listensTo: readonly DomainEventType[];
  /** Listeners whose work this one reads: they run first in a dispatch (unregistered names are ignored). */
  readonly after?: readonly string[];
  /** The events of one publication (one message, or one group commit's messages), only of `listensTo` types. */
  handle(events: DomainEvent[], facts: DispatchFacts): Promise<void>;
}

/**
 * Where capabilities register their listeners: one instance per process. The dispatcher asks it
 * for the listeners in dispatch order.
 */
export class DomainEventListeners {
  private readonly listeners = new Map<string, DomainEventListener>();
  private order: DomainEventListener[] | null = null;

  register(listener: DomainEventListener): void {
    if (this.listeners.has(listener.name)) throw new Error(`Domain event listener "${listener.name}" is registered twice`);
    this.listeners.set(listener.name, listener);
    this.order = null;
  }

  /** Every listener, each after the ones it names in `after`; otherwise in registration order. */
  ordered(): DomainEventListener[] {
    return (this.order ??= orderListeners([...this.listeners.values()]));
  }
}

/** Registration order, except that a listener comes after those it names; a cycle is a programming error. */
export function orderListeners(listeners: DomainEventListener[]): DomainEventListener[] {
  const byName = new Map(listeners.map((l) => [l.name, l]));
  const out: DomainEventListener[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (l: DomainEventListener, path: string[]): void => {
    if (state.get(l.name) === 'done') return;
    if (state.get(l.name) === 'visiting') throw new Error(`Domain event listeners wait for each other: ${[...path, l.name].join(' → ')}`);
    state.set(l.name, 'visiting');
    for (const name of l.after ?? []) {
      const before = byName.get(name);
      if (before) visit(before, [...path, l.name]);
    }
    state.set(l.name, 'done');
    out.push(l);
  };
  for (const l of listeners) visit(l, []);
  return out;
}

/** The listeners that must wait for `failed` (directly or through others): they read its work. */
export function dependentsOf(ordered: DomainEventListener[], failed: string): string[] {
  const waiting = new Set([failed]);
  for (const l of ordered) if ((l.after ?? []).some((n) => waiting.has(n))) waiting.add(l.name);
  waiting.delete(failed);
  return ordered.map((l) => l.name).filter((n) => waiting.has(n));
}
