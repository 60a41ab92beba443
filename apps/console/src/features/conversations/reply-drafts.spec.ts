import { DRAFT_MAX_AGE_MS, draftKey, loadDraft, pruneDrafts, saveDraft, type DraftStorage } from './reply-drafts';

class MapStorage implements DraftStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const NOW = Date.UTC(2026, 11, 1, 10, 0);

describe('reply drafts', () => {
  it('keeps a reply and a note apart, per user and conversation', () => {
    const storage = new MapStorage();
    saveDraft(storage, 'u-1', 'c-1', 'reply', 'Здравствуйте, Анна!', NOW);
    saveDraft(storage, 'u-1', 'c-1', 'note', 'Проверить возврат', NOW);
    expect(loadDraft(storage, 'u-1', 'c-1', 'reply', NOW)).toBe('Здравствуйте, Анна!');
    expect(loadDraft(storage, 'u-1', 'c-1', 'note', NOW)).toBe('Проверить возврат');
    expect(loadDraft(storage, 'u-2', 'c-1', 'reply', NOW)).toBe('');
    expect(loadDraft(storage, 'u-1', 'c-2', 'reply', NOW)).toBe('');
  });

  it('removes the draft when the text is emptied (sent)', () => {
    const storage = new MapStorage();
    saveDraft(storage, 'u-1', 'c-1', 'reply', 'Hello', NOW);
    saveDraft(storage, 'u-1', 'c-1', 'reply', '', NOW);
    expect(storage.items.has(draftKey('u-1', 'c-1', 'reply'))).toBe(false);
  });

  it('forgets a draft nobody came back to for a month, and unreadable ones', () => {
    const storage = new MapStorage();
    saveDraft(storage, 'u-1', 'c-old', 'reply', 'old', NOW - DRAFT_MAX_AGE_MS - 1);
    saveDraft(storage, 'u-1', 'c-new', 'reply', 'new', NOW - 1000);
    storage.setItem(draftKey('u-1', 'c-bad', 'note'), '{not json');
    storage.setItem('parley.conversationFilter', '{"status":"open"}');
    expect(loadDraft(storage, 'u-1', 'c-old', 'reply', NOW)).toBe('');
    expect(storage.items.has(draftKey('u-1', 'c-old', 'reply'))).toBe(false);

    saveDraft(storage, 'u-1', 'c-old', 'reply', 'old', NOW - DRAFT_MAX_AGE_MS - 1);
    pruneDrafts(storage, NOW);
    expect([...storage.items.keys()].sort()).toEqual(['parley.conversationFilter', draftKey('u-1', 'c-new', 'reply')]);
  });

  it('never throws when the storage is full or blocked', () => {
    const full: DraftStorage = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => saveDraft(full, 'u-1', 'c-1', 'reply', 'text', NOW)).not.toThrow();
    expect(loadDraft(full, 'u-1', 'c-1', 'reply', NOW)).toBe('');
  });
});
