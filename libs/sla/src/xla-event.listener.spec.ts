import { NotFoundException } from '@nestjs/common';
import { DispatchFacts, DomainEventListeners, MESSAGE_SENTIMENTS, type MessageSentimentFact } from '@parley/domain';
import type { MessageSentimentEntity } from '@parley/persistence';
import { InMemoryXlaRepository } from './testing/in-memory-xla.repository';
import { XlaEventListener } from './xla-event.listener';
import type { XlaService } from './xla.service';

const AT = new Date('2026-12-06T09:30:00Z');

function wire(stored: { messageId: string; label: string }[] = []) {
  const calls: unknown[][] = [];
  const xla = {
    onInbound: async (...args: unknown[]) => void calls.push(args),
    recordCsat: async (response: { conversationId: string }) => {
      if (response.conversationId === 'gone') throw new NotFoundException('Conversation gone not found');
      calls.push(['csat', response]);
      return { teamPercent: 100, targetPercent: null, breached: false };
    },
  } as unknown as XlaService;
  const repo = new InMemoryXlaRepository();
  repo.sentiments = stored.map((s) => ({ conversationId: 'c', language: 'ru', score: -3, createdAt: AT, ...s }) as MessageSentimentEntity);
  repo.messages = [{ id: 'm1', createdAt: AT }, { id: 'm2', createdAt: AT }];
  return { listener: new XlaEventListener(new DomainEventListeners(), repo, xla), calls };
}

const sentiments = (entries: [string, MessageSentimentFact['label']][]) =>
  new Map<string, MessageSentimentFact>(entries.map(([id, label]) => [id, { conversationId: 'c', label, score: 0, language: 'ru' }]));

describe('XlaEventListener', () => {
  it('acts on a conversation a message opened and on a negative message, not on the rest', async () => {
    const { listener, calls } = wire();
    const facts = new DispatchFacts();
    facts.set(MESSAGE_SENTIMENTS, sentiments([['m1', 'neutral'], ['m2', 'negative'], ['m3', 'positive']]));
    await listener.handle([
      { type: 'message.received', conversationId: 'new', messageId: 'm1', opened: true },
      { type: 'message.received', conversationId: 'angry', messageId: 'm2', opened: false, resumed: false },
      { type: 'message.received', conversationId: 'calm', messageId: 'm3', opened: false, resumed: false },
    ], facts);
    expect(calls).toEqual([['new', true, 'neutral', AT], ['angry', false, 'negative', AT]]);
  });

  it('reads the stored sentiment when the sentiment listener did not run in this dispatch', async () => {
    const { listener, calls } = wire([{ messageId: 'm2', label: 'negative' }]);
    await listener.handle([{ type: 'message.received', conversationId: 'angry', messageId: 'm2', opened: false, resumed: false }], new DispatchFacts());
    expect(calls).toEqual([['angry', false, 'negative', AT]]);
  });

  it('counts a survey score towards the CSAT, and nothing for a conversation that is gone', async () => {
    const { listener, calls } = wire();
    await listener.handle([
      { type: 'survey.answered', conversationId: 'c1', surveyId: 's1', satisfied: true, score: 5, answeredAt: AT.toISOString() },
      { type: 'survey.answered', conversationId: 'gone', surveyId: 's2', satisfied: false, score: 1, answeredAt: AT.toISOString() },
    ], new DispatchFacts());
    expect(calls).toEqual([['csat', { conversationId: 'c1', satisfied: true, score: 5, occurredAt: AT }]]);
  });

  it('runs after sentiment and routing', () => {
    expect(wire().listener.after).toEqual(['sentiment', 'routing']);
  });
});
