// Unsent text of the reply box, per signed-in user, conversation and mode (a reply and a private
// note are two drafts), kept in localStorage so it survives switching conversations and reloads.
// Sending clears it. Drafts nobody came back to for DRAFT_MAX_AGE_MS are dropped.

export type DraftMode = 'reply' | 'note';

/** The part of Storage the drafts use (localStorage in the browser, a Map in the specs). */
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'parley.draft.';
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export const draftKey = (userId: string, conversationId: string, mode: DraftMode) => `${PREFIX}${userId}:${conversationId}:${mode}`;

interface StoredDraft {
  text: string;
  /** When it was last written (ms). */
  at: number;
}

function parse(raw: string | null): StoredDraft | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { text, at } = value as Record<string, unknown>;
    return typeof text === 'string' && typeof at === 'number' ? { text, at } : null;
  } catch {
    return null;
  }
}

export function loadDraft(storage: DraftStorage, userId: string, conversationId: string, mode: DraftMode, now = Date.now()): string {
  const key = draftKey(userId, conversationId, mode);
  const draft = parse(safely(() => storage.getItem(key), null));
  if (draft && now - draft.at <= DRAFT_MAX_AGE_MS) return draft.text;
  if (draft) safely(() => storage.removeItem(key), undefined);
  return '';
}

/** Empty text removes the draft. A full or blocked storage loses the draft, never the typing. */
export function saveDraft(storage: DraftStorage, userId: string, conversationId: string, mode: DraftMode, text: string, now = Date.now()): void {
  const key = draftKey(userId, conversationId, mode);
  safely(() => (text ? storage.setItem(key, JSON.stringify({ text, at: now } satisfies StoredDraft)) : storage.removeItem(key)), undefined);
}

/** Drops every user's drafts older than DRAFT_MAX_AGE_MS (and any unreadable one). */
export function pruneDrafts(storage: DraftStorage, now = Date.now()): void {
  const stale: string[] = [];
  const count = safely(() => storage.length, 0);
  for (let i = 0; i < count; i++) {
    const key = safely(() => storage.key(i), null);
    if (!key?.startsWith(PREFIX)) continue;
    const draft = parse(safely(() => storage.getItem(key), null));
    if (!draft || now - draft.at > DRAFT_MAX_AGE_MS) stale.push(key);
  }
  for (const key of stale) safely(() => storage.removeItem(key), undefined);
}

/** localStorage throws when full, or in some private modes: drafts are a convenience, not a reason to fail. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
