import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_EVENTS, type NotificationDto } from '@parley/contracts';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { isId, notifiedUsers, recipientsOf, type NotificationFact, type RecipientPreferences } from '@parley/domain';
import type { NotificationEntity } from '@parley/persistence';
import { NOTIFICATION_FACTS_REPOSITORY, type ConversationFacts, type NotificationFactsRepository } from './ports/notification-facts.repository';
import { NOTIFICATION_REPOSITORY, type NotificationRepository } from './ports/notification.repository';
import { notificationId, toNotificationDto } from './notification-dto';

/** What a notification is about, beyond who gets it. */
export interface Happening {
  /** Names the happening once (an event or message id): the same key never notifies a user twice. */
  key: string;
  conversation: ConversationFacts | null;
  actorId: string | null;
  title: string;
  data?: Record<string, unknown>;
}

/** Turns a fact into stored notifications for the agents who want it, and tells their consoles. */
@Injectable()
export class NotifyService {
  constructor(
    @Inject(NOTIFICATION_REPOSITORY) private readonly repo: NotificationRepository,
    @Inject(NOTIFICATION_FACTS_REPOSITORY) private readonly facts: NotificationFactsRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async notify(fact: NotificationFact, happening: Happening, now = new Date()): Promise<NotificationDto[]> {
    const candidates = recipientsOf(fact);
    if (!candidates.length) return [];
    const [presence, settings] = await Promise.all([this.facts.presence(candidates), this.repo.settings(candidates)]);
    const prefs = (userId: string): RecipientPreferences => ({
      presence: presence.get(userId) ?? null,
      events: settings.find((s) => s.userId === userId)?.events ?? {},
    });
    const recipients = notifiedUsers(fact, prefs);
    if (!recipients.length) return [];
    const actorId = happening.actorId && isId(happening.actorId) ? happening.actorId : null;
    const actorName = actorId ? (await this.facts.names([actorId]))[0]?.name ?? null : null;
    const rows: NotificationEntity[] = recipients.map((userId) => ({
      id: notificationId(`${fact.type}:${happening.key}`, userId),
      userId,
      type: fact.type,
      conversationId: happening.conversation?.id ?? null,
      customerId: happening.conversation?.customerId ?? null,
      actorId,
      data: { ...happening.data, title: happening.title, actorName, customerName: happening.conversation?.customerName ?? null },
      readAt: null,
      createdAt: now,
    }));
    const stored = (await this.repo.insertNew(rows)).map(toNotificationDto);
    for (const n of stored) this.realtime.toAgent(rows.find((r) => r.id === n.id)!.userId, NOTIFICATION_EVENTS.created, n);
    return stored;
  }
}
