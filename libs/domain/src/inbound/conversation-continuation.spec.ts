import { continuationOf, resumesConversation } from './conversation-continuation';

const NOW = new Date('2026-03-02T09:30:00Z');

describe('what an inbound message changes on the conversation it continues', () => {
  it('reopens the conversation with the message as preview and one more unread', () => {
    const changes = continuationOf({ status: 'snoozed', unreadCount: 2, metadata: null }, { content: 'Здравствуйте,\n  где мой заказ?' }, NOW);
    expect(changes).toEqual({
      status: 'open',
      snoozedUntil: null,
      resolvedAt: null,
      lastMessageAt: NOW,
      lastInboundAt: NOW,
      lastMessagePreview: 'Здравствуйте, где мой заказ?',
      unreadCount: 3,
      updatedAt: NOW,
    });
  });

  it('shows a paper clip for an attachment without text', () => {
    expect(continuationOf({ status: 'open', unreadCount: 0, metadata: null }, { content: '' }, NOW).lastMessagePreview).toBe('📎');
  });

  it('merges the channel facts over the conversation metadata', () => {
    const changes = continuationOf(
      { status: 'open', unreadCount: 0, metadata: { тема: 'Доставка', страница: '/главная' } },
      { content: 'Ещё вопрос', conversationMetadata: { страница: '/оплата' } },
      NOW,
    );
    expect(changes.metadata).toEqual({ тема: 'Доставка', страница: '/оплата' });
  });

  it('leaves the metadata alone when the channel sends none', () => {
    expect(continuationOf({ status: 'open', unreadCount: 0, metadata: { тема: 'Доставка' } }, { content: 'Спасибо' }, NOW)).not.toHaveProperty('metadata');
  });

  it('resumes a conversation that was not open', () => {
    expect(['open', 'pending', 'snoozed', 'resolved'].map((s) => resumesConversation(s as 'open'))).toEqual([false, true, true, true]);
  });
});
