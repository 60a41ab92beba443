import { QueryClient } from '@tanstack/react-query';
import type { NotificationDto, Page } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { applyAgentEvent } from '../../app/live-cache';

const mention = (id: string, createdAt: string): NotificationDto => ({
  id, type: 'mention', conversationId: 'c1', customerId: 'k1', actorId: 'a1', actorName: 'Анна', title: 'Иван', data: { preview: 'посмотри' }, readAt: null, createdAt,
});

function cacheWith(items: NotificationDto[], unread: number) {
  const client = new QueryClient();
  client.setQueryData<Page<NotificationDto>>(queryKeys.notifications, { items, nextCursor: null });
  client.setQueryData(queryKeys.notificationsUnread, unread);
  return client;
}

describe('notification events in the cache', () => {
  it('puts a new notification first and counts it once, however often it arrives', () => {
    const client = cacheWith([mention('n1', '2026-01-05T10:00:00.000Z')], 1);
    const n2 = mention('n2', '2026-01-05T10:01:00.000Z');
    applyAgentEvent(client, 'notification.created', n2);
    applyAgentEvent(client, 'notification.created', n2);
    expect(client.getQueryData<Page<NotificationDto>>(queryKeys.notifications)!.items.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(client.getQueryData(queryKeys.notificationsUnread)).toBe(2);
  });

  it('marks what another tab read, and takes the server’s count', () => {
    const client = cacheWith([mention('n2', '2026-01-05T10:01:00.000Z'), mention('n1', '2026-01-05T10:00:00.000Z')], 2);
    applyAgentEvent(client, 'notification.read', { ids: ['n1'], allBefore: null, unread: 1 });
    expect(client.getQueryData<Page<NotificationDto>>(queryKeys.notifications)!.items.map((n) => !!n.readAt)).toEqual([false, true]);
    expect(client.getQueryData(queryKeys.notificationsUnread)).toBe(1);
  });

  it('marks everything up to the moment of "read all"', () => {
    const client = cacheWith([mention('n2', '2026-01-05T10:01:00.000Z'), mention('n1', '2026-01-05T10:00:00.000Z')], 2);
    applyAgentEvent(client, 'notification.read', { ids: [], allBefore: '2026-01-05T10:00:30.000Z', unread: 1 });
    expect(client.getQueryData<Page<NotificationDto>>(queryKeys.notifications)!.items.map((n) => !!n.readAt)).toEqual([false, true]);
  });
});
