import { useState, useSyncExternalStore } from 'react';
import { MERGE_EVENTS, type CustomerMergeDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';

/** A merge confirmed in this tab, kept so its Undo survives the panel re-mounting on the merged customer. */
export interface RecentMerge {
  merge: CustomerMergeDto;
  targetName: string;
  sourceName: string;
}

interface MergeActivity {
  /** Bumped by every merge and undo made here: open customer views re-read what they show. */
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

export function useMergeActivity(): MergeActivity {
  return useSyncExternalStore(subscribe, () => state);
}

/**
 * Changes whenever the records behind `customerIds` may have changed shape: a merge or undo made in
 * this tab, or a `customer.merged` event from another agent naming one of them. Views put it in their
 * load effect's dependencies, since a merge moves conversations and timeline events without an event each.
 */
export function useMergeReload(...customerIds: (string | null | undefined)[]): string {
  const { revision } = useMergeActivity();
  const [remote, setRemote] = useState(0);
  useAgentEvent<CustomerMergeDto>(MERGE_EVENTS.customerMerged, (merge) => {
    if (customerIds.includes(merge.targetCustomerId) || customerIds.includes(merge.sourceCustomerId)) setRemote((n) => n + 1);
  });
  return `${revision}:${remote}`;
}
