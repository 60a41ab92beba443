import { useSyncExternalStore } from 'react';
import type { CustomerMergeDto } from '@parley/contracts';

/** A merge confirmed in this tab, kept so its Undo survives the panel re-mounting on the merged customer. */
export interface RecentMerge {
  merge: CustomerMergeDto;
  targetName: string;
  sourceName: string;
}

interface MergeActivity {
  /** Bumped by every merge and undo made here: the query cache re-reads customer records (app/live-cache.ts). */
  revision: number;
  recent: RecentMerge[];
}

let state: MergeActivity = { revision: 0, recent: [] };
const listeners = new Set<() => void>();

function set(next: MergeActivity): void {
  state = next;
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export const mergeActivity = {
  merged(entry: RecentMerge): void {
    set({ revision: state.revision + 1, recent: [entry, ...state.recent.filter((r) => r.merge.id !== entry.merge.id)] });
  },
  undone(mergeId: string): void {
    set({ revision: state.revision + 1, recent: state.recent.filter((r) => r.merge.id !== mergeId) });
  },
  /** The agent closed the banner, or its grace period ran out. */
  forget(mergeId: string): void {
    if (state.recent.some((r) => r.merge.id === mergeId)) set({ ...state, recent: state.recent.filter((r) => r.merge.id !== mergeId) });
  },
};

/** Calls `onMerge` after each merge or undo made in this tab. */
export function onLocalMerge(onMerge: () => void): () => void {
  let seen = state.revision;
  return subscribe(() => {
    if (state.revision === seen) return;
    seen = state.revision;
    onMerge();
  });
}

export function useMergeActivity(): MergeActivity {
  return useSyncExternalStore(subscribe, () => state);
}
