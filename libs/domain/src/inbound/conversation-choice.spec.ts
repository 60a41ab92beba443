import type { ConversationStatus } from '../conversation-rules';
import { chooseConversation, MAX_THREAD_KEYS, placedBySenderOnly, threadedConversationId, threadKeysToLookUp } from './conversation-choice';

const REF = '0b3f5a52-8d7e-4c1a-9f3e-2a6b8c4d1e70';

interface Conversation {
  id: string;
  status: ConversationStatus;
}

describe('which conversation an inbound message continues', () => {
  it('keeps a threaded conversation even when it was resolved', () => {
    const threaded: Conversation = { id: 'ответ', status: 'resolved' };
    const latest: Conversation = { id: 'последний', status: 'open' };
    expect(chooseConversation(threaded, latest)).toBe(threaded);
  });

  it('continues the latest conversation while it is still going', () => {
    for (const status of ['open', 'pending', 'snoozed'] as const) {
      expect(chooseConversation<Conversation>(null, { id: 'разговор', status })).toEqual({ id: 'разговор', status });
    }
  });

  it('opens a new conversation after a resolved one or with none', () => {
    expect(chooseConversation<Conversation>(null, { id: 'закрыт', status: 'resolved' })).toBeNull();
    expect(chooseConversation(null, null)).toBeNull();
  });

  it('threads by the conversation of the replied-to message before the reference', () => {
    expect(threadedConversationId('из-письма', { conversationRef: REF })).toBe('из-письма');
    expect(threadedConversationId(null, { conversationRef: REF })).toBe(REF);
  });

  it('ignores a reference that is not a well-formed id', () => {
    expect(threadedConversationId(undefined, { conversationRef: 'Re: Заказ №42' })).toBeNull();
    expect(threadedConversationId(null, {})).toBeNull();
  });

  it('looks up the latest reply keys of a long thread, skipping empty ones', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `<письмо-${i}@example.ru>`);
    const looked = threadKeysToLookUp({ threadKeys: ['', ...keys] });
    expect(looked).toHaveLength(MAX_THREAD_KEYS);
    expect(looked[0]).toBe('<письмо-10@example.ru>');
    expect(looked.at(-1)).toBe('<письмо-59@example.ru>');
    expect(threadKeysToLookUp({})).toEqual([]);
  });

  it('lets the sender alone place a plain message, not one that needs a lookup or a merge', () => {
    expect(placedBySenderOnly({})).toBe(true);
    expect(placedBySenderOnly({ threadKeys: [] })).toBe(true);
    expect(placedBySenderOnly({ threadKeys: ['<1@example.ru>'] })).toBe(false);
    expect(placedBySenderOnly({ edits: 'исходное-сообщение' })).toBe(false);
    expect(placedBySenderOnly({ conversationRef: REF })).toBe(false);
    expect(placedBySenderOnly({ verifiedPhone: '+79161234567' })).toBe(false);
    expect(placedBySenderOnly({ conversationMetadata: { страница: '/оплата' } })).toBe(false);
  });
});
