import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { NOTIFICATION_EVENTS, NOTIFICATION_TYPES, type NotificationDto, type NotificationReadEvent, type NotificationSettingsDto, type NotificationSettingsInput, type NotificationType, type Page } from '@parley/contracts';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { NOTIFICATION_CENTRE_SIZE } from '@parley/domain';
import { decodeCursor, encodeCursor } from '@parley/persistence';
import { NOTIFICATION_REPOSITORY, type NotificationRepository } from './ports/notification.repository';
import { toNotificationDto, toSettingsDto } from './notification-dto';

/** The agent's notification centre: the list, read state (synced to their other tabs) and their choices. */
@Injectable()
export class NotificationCentreService {
  constructor(
    @Inject(NOTIFICATION_REPOSITORY) private readonly repo: NotificationRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async list(userId: string, cursor: string | undefined, limit = NOTIFICATION_CENTRE_SIZE): Promise<Page<NotificationDto>> {
    const take = Math.min(Math.max(limit, 1), NOTIFICATION_CENTRE_SIZE);
    const rows = await this.repo.list(userId, decodeCursor(cursor), take + 1);
    const items = rows.slice(0, take);
    const last = items[items.length - 1];
    return { items: items.map(toNotificationDto), nextCursor: rows.length > take && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repo.unreadCount(userId);
  }

  /** Another user's notification is as unknown as a missing one. */
  async markRead(userId: string, id: string, now = new Date()): Promise<NotificationDto> {
    const row = await this.repo.find(userId, id);
    if (!row) throw new NotFoundException(`Notification ${id} not found`);
    const changed = await this.repo.markRead(userId, [id], now);
    if (changed.length) await this.announce(userId, { ids: changed, allBefore: null });
    return toNotificationDto(changed.length ? { ...row, readAt: now } : row);
  }

  async markAllRead(userId: string, now = new Date()): Promise<{ unread: number }> {
    await this.repo.markAllRead(userId, now, now);
    return { unread: await this.announce(userId, { ids: [], allBefore: now.toISOString() }) };
  }

  /** The centre shows an agent's last NOTIFICATION_CENTRE_SIZE: older rows are dropped (a worker duty, hourly). */
  prune(): Promise<number> {
    return this.repo.prune(NOTIFICATION_CENTRE_SIZE);
  }

  async settings(userId: string): Promise<NotificationSettingsDto> {
    return toSettingsDto((await this.repo.settings([userId]))[0] ?? null);
  }

  async saveSettings(userId: string, input: NotificationSettingsInput, now = new Date()): Promise<NotificationSettingsDto> {
    const current = await this.settings(userId);
    const unknown = Object.keys(input.events ?? {}).filter((k) => !NOTIFICATION_TYPES.includes(k as NotificationType));
    if (unknown.length) throw new BadRequestException(`Unknown notification events: ${unknown.join(', ')}`);
    if (Object.values(input.events ?? {}).some((on) => typeof on !== 'boolean')) throw new BadRequestException('Each event is switched on or off with true or false');
    const next: NotificationSettingsDto = {
      events: { ...current.events, ...input.events },
      sound: input.sound ?? current.sound,
      browser: input.browser ?? current.browser,
    };
    await this.repo.saveSettings({ userId, events: next.events, sound: next.sound, browser: next.browser, updatedAt: now });
    return next;
  }

  private async announce(userId: string, read: Omit<NotificationReadEvent, 'unread'>): Promise<number> {
    const unread = await this.repo.unreadCount(userId);
    this.realtime.toAgent(userId, NOTIFICATION_EVENTS.read, { ...read, unread } satisfies NotificationReadEvent);
    return unread;
  }
}
