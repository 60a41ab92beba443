import type { CustomerDto, CustomerFootprint, CustomerMergeDto, MergePreviewDto, MergeSuggestionDto } from '@parley/contracts';

/** Which record survives (target) and which one is folded into it (source). */
export interface MergeSides {
  targetId: string;
  sourceId: string;
}

/**
 * The older record survives by default: links, exports and agents have known its id longest, and
 * the api keeps a pointer from the newer one anyway.
 */
export function defaultSides(a: Pick<CustomerDto, 'id' | 'createdAt'>, b: Pick<CustomerDto, 'id' | 'createdAt'>): MergeSides {
  const aFirst = Date.parse(a.createdAt) <= Date.parse(b.createdAt);
  return aFirst ? { targetId: a.id, sourceId: b.id } : { targetId: b.id, sourceId: a.id };
}

/** A suggestion names the older record `customer`: it is the one to keep unless the agent swaps. */
export function suggestionSides(suggestion: Pick<MergeSuggestionDto, 'customer' | 'duplicate'>): MergeSides {
  return { targetId: suggestion.customer.id, sourceId: suggestion.duplicate.id };
}

export function swapSides(sides: MergeSides): MergeSides {
  return { targetId: sides.sourceId, sourceId: sides.targetId };
}

/** The record of a suggestion that is not the one the agent has open. */
export function otherCustomer(suggestion: Pick<MergeSuggestionDto, 'customer' | 'duplicate'>, customerId: string): CustomerDto {
  return suggestion.customer.id === customerId ? suggestion.duplicate : suggestion.customer;
}

/** A suggestion is stale once either of its records took part in a merge. */
export function involvesAny(suggestion: Pick<MergeSuggestionDto, 'customer' | 'duplicate'>, customerIds: readonly string[]): boolean {
  return customerIds.includes(suggestion.customer.id) || customerIds.includes(suggestion.duplicate.id);
}

/** Newest first, each suggestion once (a socket event may repeat one the list already holds). */
export function upsertSuggestion(list: readonly MergeSuggestionDto[], suggestion: MergeSuggestionDto): MergeSuggestionDto[] {
  return [suggestion, ...list.filter((s) => s.id !== suggestion.id)].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** Whole seconds left to undo a merge; 0 once undone, expired or never undoable. */
export function undoSecondsLeft(merge: Pick<CustomerMergeDto, 'undoableUntil' | 'undoneAt'>, now: number): number {
  if (merge.undoneAt || !merge.undoableUntil) return 0;
  const left = Date.parse(merge.undoableUntil) - now;
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** "4:05", "0:09": the time left on an Undo button. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What the surviving record will hold: both records' conversations, events and channels. */
export function resultFootprint(preview: Pick<MergePreviewDto, 'targetFootprint' | 'sourceFootprint'>): CustomerFootprint {
  const { targetFootprint: t, sourceFootprint: s } = preview;
  return {
    conversations: t.conversations + s.conversations,
    timelineEvents: t.timelineEvents + s.timelineEvents,
    channels: [...new Set([...t.channels, ...s.channels])],
  };
}
