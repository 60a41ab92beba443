import { queryOptions } from '@tanstack/react-query';
import type { CollaboratorDto, NotificationDto, NotificationSettingsDto, NotificationSettingsInput, Page, UnreadCountDto } from '@parley/contracts';
import { http } from '../../api/http-client';
import { queryKeys } from '../../app/query-keys';

const id = encodeURIComponent;

export const notificationsApi = {
  list: () => http.get<Page<NotificationDto>>('/api/notifications'),
  unreadCount: () => http.get<UnreadCountDto>('/api/notifications/unread-count'),
  read: (notificationId: string) => http.post<NotificationDto>(`/api/notifications/${id(notificationId)}/read`),
  readAll: () => http.post<{ unread: number }>('/api/notifications/read-all'),
  settings: () => http.get<NotificationSettingsDto>('/api/notifications/settings'),
  saveSettings: (input: NotificationSettingsInput) => http.put<NotificationSettingsDto>('/api/notifications/settings', input),
  follow: (conversationId: string) => http.post<CollaboratorDto[]>(`/api/conversations/${id(conversationId)}/collaborators`, {}),
};

/** The centre's last 100; kept live by `notification.created` / `notification.read` (notification-cache.ts). */
export const notificationsQuery = queryOptions({ queryKey: queryKeys.notifications, queryFn: notificationsApi.list });
export const unreadCountQuery = queryOptions({ queryKey: queryKeys.notificationsUnread, queryFn: async () => (await notificationsApi.unreadCount()).count });
export const notificationSettingsQuery = queryOptions({ queryKey: queryKeys.notificationSettings, queryFn: notificationsApi.settings, staleTime: 5 * 60_000 });
