import type { QueryClient } from '@tanstack/react-query';
import type { NotificationDto, NotificationReadEvent, Page } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';

const CENTRE_SIZE = 100;

/** A new notification: first in the centre (once, however often it arrives), and one more unread. */
export function notificationCreated(client: QueryClient, n: NotificationDto): void {
  const page = client.getQueryData<Page<NotificationDto>>(queryKeys.notifications);
  if (page?.items.some((i) => i.id === n.id)) return;
  if (page) client.setQueryData<Page<NotificationDto>>(queryKeys.notifications, { ...page, items: [n, ...page.items].slice(0, CENTRE_SIZE) });
  if (!n.readAt) client.setQueryData<number>(queryKeys.notificationsUnread, (count) => (count === undefined ? count : count + 1));
  // A mention may add the conversation to "Mentions / Following".
  if (n.type === 'mention') void client.invalidateQueries({ queryKey: queryKeys.conversationLists });
}

/** Read here or in another tab or device: the same rows turn read, and the server's count wins. */
export function notificationRead(client: QueryClient, read: NotificationReadEvent): void {
  const at = read.allBefore ?? new Date().toISOString();
  client.setQueryData<Page<NotificationDto>>(queryKeys.notifications, (page) =>
    page && {
      ...page,
      items: page.items.map((i) =>
        i.readAt || !(read.ids.includes(i.id) || (read.allBefore !== null && i.createdAt <= read.allBefore)) ? i : { ...i, readAt: at },
      ),
    },
  );
  client.setQueryData<number>(queryKeys.notificationsUnread, read.unread);
}
