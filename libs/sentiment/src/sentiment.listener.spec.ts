import { DispatchFacts, DomainEventListeners, MESSAGE_SENTIMENTS, type MessageSentimentFact } from '@parley/domain';
import type { MessageSentimentService } from './message-sentiment.service';
import { SentimentListener } from './sentiment.listener';

describe('SentimentListener', () => {
  it('analyses the received messages in one call and hands the result to the listeners after it', async () => {
    const asked: string[][] = [];
    const result = new Map<string, MessageSentimentFact>([['m1', { conversationId: 'c1', label: 'negative', score: -2, language: 'ru' }]]);
    const service = { analyze: async (ids: string[]) => (asked.push(ids), result) } as unknown as MessageSentimentService;
    const registry = new DomainEventListeners();
    const listener = new SentimentListener(registry, service);
    listener.onModuleInit();
    const facts = new DispatchFacts();

    await listener.handle([
      { type: 'message.received', conversationId: 'c1', messageId: 'm1', opened: false, resumed: false },
      { type: 'message.received', conversationId: 'c2', messageId: 'm2', opened: false, resumed: false },
    ], facts);

    expect(asked).toEqual([['m1', 'm2']]);
    expect(facts.get(MESSAGE_SENTIMENTS)).toBe(result);
    expect(registry.ordered()).toEqual([listener]);
    expect(listener.listensTo).toEqual(['message.received']);
  });
});
