import type { MessageSentimentFact } from '@parley/domain';
import type { CustomerEntity, MessageEntity } from '@parley/persistence';
import { InboundAnalysisService } from './inbound-analysis.service';
import { InMemoryInboundSignalsRepository } from './testing/in-memory-inbound-signals.repository';

const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const repo = new InMemoryInboundSignalsRepository();
  const customer = (id: string, extra: Partial<CustomerEntity> = {}) => repo.customers.set(id, { id, name: 'Ирина', tags: [], attributes: {}, ...extra } as CustomerEntity);
  const message = (id: string, conversationId: string, customerId: string, content: string, minute: number) => repo.messages.set(id, {
    id, conversationId, customerId, content, direction: 'inbound', createdAt: new Date(t0.getTime() + minute * 60_000),
  } as MessageEntity);
  customer('irina', { tags: ['VIP'] });
  customer('pavel');
  return { repo, message, analysis: new InboundAnalysisService(repo) };
}

const fact = (conversationId: string, label: MessageSentimentFact['label'], score: number): MessageSentimentFact => ({ conversationId, label, score, language: 'ru' });

describe('InboundAnalysisService on an in-memory repository', () => {
  it('keeps each conversation\'s latest message\'s language and sentiment, with the VIP boost, on its routing row', async () => {
    const { repo, message, analysis } = setup();
    message('m1', 'c1', 'irina', 'Здравствуйте, хочу оформить возврат', 0);
    message('m2', 'c1', 'irina', 'Уже неделю жду ответа, это возмутительно!', 1);
    message('m3', 'c2', 'pavel', 'Спасибо, всё получил', 0);
    await analysis.recordSignals(['m2', 'm1', 'm3'], new Map([['m1', fact('c1', 'neutral', 0)], ['m2', fact('c1', 'negative', -3)], ['m3', fact('c2', 'positive', 2)]]));
    const c1 = repo.routingRows.get('c1')!;
    const c2 = repo.routingRows.get('c2')!;
    expect(c1).toMatchObject({ language: 'ru', sentiment: 'negative', sentimentScore: -3, transfers: 0, queuedAt: null });
    expect(c2).toMatchObject({ language: 'ru', sentiment: 'positive', sentimentScore: 2, boost: 0 });
    // A VIP who is also upset waits less than either alone.
    expect(c1.boost).toBeGreaterThan(c2.boost);
  });

  it('updates an existing row\'s signals and keeps its transfers and place in the queue', async () => {
    const { repo, message, analysis } = setup();
    repo.routingRows.set('c1', { conversationId: 'c1', language: 'en', sentiment: 'neutral', sentimentScore: 0, boost: 0, transfers: 2, queuedAt: t0, updatedAt: t0 });
    message('m1', 'c1', 'pavel', 'Где мой заказ?', 5);
    await analysis.recordSignals(['m1'], new Map([['m1', fact('c1', 'negative', -1)]]));
    expect(repo.routingRows.get('c1')).toMatchObject({ language: 'ru', sentiment: 'negative', transfers: 2, queuedAt: t0 });
  });

  it('reads the stored sentiments when routing is retried alone, and skips messages without one', async () => {
    const { repo, message, analysis } = setup();
    message('m1', 'c1', 'pavel', 'Где мой заказ?', 0);
    message('m2', 'c2', 'pavel', 'Алло?', 0);
    repo.sentiments.set('m1', { messageId: 'm1', conversationId: 'c1', language: 'ru', score: -1, label: 'negative', createdAt: t0 });
    await analysis.recordSignals(['m1', 'm2']);
    expect(repo.routingRows.get('c1')).toMatchObject({ sentiment: 'negative', sentimentScore: -1 });
    expect(repo.routingRows.has('c2')).toBe(false);
  });

  it('writes nothing when no message was analysed', async () => {
    const { repo, message, analysis } = setup();
    message('m1', 'c1', 'pavel', 'Алло?', 0);
    await analysis.recordSignals(['m1'], new Map());
    await analysis.recordSignals([]);
    expect(repo.routingRows.size).toBe(0);
  });
});
