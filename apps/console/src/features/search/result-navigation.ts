import type { SearchResponse } from '@parley/contracts';

/** Where Enter on a search result goes. */
export type SearchTarget = { kind: 'conversation'; conversationId: string; messageId?: string } | { kind: 'customer'; customerId: string };

export interface SearchEntry {
  /** Unique across groups (a conversation and a message may share nothing but their kind). */
  key: string;
  target: SearchTarget;
}

/** The results in the order the dropdown shows them (messages, conversations, customers): what ↑/↓ walk. */
export function searchEntries(response: SearchResponse | undefined): SearchEntry[] {
  if (!response) return [];
  return [
    ...(response.messages?.items ?? []).map((m) => ({ key: `message:${m.id}`, target: { kind: 'conversation', conversationId: m.conversationId, messageId: m.id } as const })),
    ...(response.conversations?.items ?? []).map((c) => ({ key: `conversation:${c.id}`, target: { kind: 'conversation', conversationId: c.id, messageId: c.messageId } as const })),
    ...(response.customers?.items ?? []).map((c) => ({ key: `customer:${c.id}`, target: { kind: 'customer', customerId: c.id } as const })),
  ];
}

/** ↑/↓ from `index` (-1: nothing chosen yet), wrapping around the ends. */
export function moveActive(index: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (index < 0) return step === 1 ? 0 : count - 1;
  return (index + step + count) % count;
}
