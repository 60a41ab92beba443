import { MessageSentimentService } from './message-sentiment.service';
import { InMemoryMessageSentimentRepository } from './testing/in-memory-message-sentiment.repository';

function setup() {
  const repo = new InMemoryMessageSentimentRepository();
  repo.messageRows.set('m1', { id: 'm1', conversationId: 'c1', direction: 'inbound', content: 'Заказ опять не привезли, это ужасно' });
  repo.messageRows.set('m2', { id: 'm2', conversationId: 'c2', direction: 'inbound', content: 'Спасибо большое, всё отлично!' });
  repo.messageRows.set('m3', { id: 'm3', conversationId: 'c1', direction: 'outbound', content: 'Приносим извинения, уже разбираемся' });
  repo.messageRows.set('m4', { id: 'm4', conversationId: 'c3', direction: 'inbound', content: '' });
  return { repo, sentiments: new MessageSentimentService(repo) };
}

describe('MessageSentimentService', () => {
  it("scores the customers' messages of a batch with one read and one write", async () => {
    const { repo, sentiments } = setup();
    const facts = await sentiments.analyze(['m1', 'm2', 'm3', 'm4', 'missing']);
    expect(facts.get('m1')).toMatchObject({ conversationId: 'c1', label: 'negative', language: 'ru' });
    expect(facts.get('m2')).toMatchObject({ conversationId: 'c2', label: 'positive', language: 'ru' });
    expect(facts.get('m4')).toMatchObject({ conversationId: 'c3', label: 'neutral' });
    expect([...facts.keys()].sort()).toEqual(['m1', 'm2', 'm4']);
    expect([...repo.sentiments.keys()].sort()).toEqual(['m1', 'm2', 'm4']);
    expect(repo.sentiments.get('m1')).toMatchObject({ conversationId: 'c1', label: 'negative', language: 'ru', score: facts.get('m1')!.score });
    expect(repo.calls).toEqual({ messages: 1, insertNew: 1 });
  });

  it('keeps the row of a message analysed before', async () => {
    const { repo, sentiments } = setup();
    await sentiments.analyze(['m1']);
    const first = repo.sentiments.get('m1')!;
    await sentiments.analyze(['m1', 'm2']);
    expect(repo.sentiments.get('m1')).toEqual(first);
    expect(repo.sentiments.size).toBe(2);
  });

  it('touches no storage for an empty batch, and writes nothing for agents’ replies', async () => {
    const { repo, sentiments } = setup();
    expect((await sentiments.analyze([])).size).toBe(0);
    expect(repo.calls).toEqual({ messages: 0, insertNew: 0 });
    expect((await sentiments.analyze(['m3'])).size).toBe(0);
    expect(repo.calls).toEqual({ messages: 1, insertNew: 0 });
    expect(repo.sentiments.size).toBe(0);
  });
});
