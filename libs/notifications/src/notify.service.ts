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
    return this.notifyAll([{ fact, happening }], now);
  }

  /**
   * Several facts at once (one dispatched group of events): one read of presence, settings and
   * actors' names for all their candidates, one insert for all the rows.
   */
  async notifyAll(items: readonly { fact: NotificationFact; happening: Happening }[], now = new Date()): Promise<NotificationDto[]> {
    const candidates = [...new Set(items.flatMap((i) => recipientsOf(i.fact)))];
    if (!candidates.length) return [];
    const [presence, settings] = await Promise.all([this.facts.presence(candidates), this.repo.settings(candidates)]);
    const events = new Map(settings.map((s) => [s.userId, s.events]));
    const prefs = (userId: string): RecipientPreferences => ({ presence: presence.get(userId) ?? null, events: events.get(userId) ?? {} });
    const wanted = items
      .map((i) => ({ ...i, recipients: notifiedUsers(i.fact, prefs), actorId: i.happening.actorId && isId(i.happening.actorId) ? i.happening.actorId : null }))
      .filter((i) => i.recipients.length);
    if (!wanted.length) return [];
    const actorIds = [...new Set(wanted.flatMap((i) => (i.actorId ? [i.actorId] : [])))];
    const names = new Map((await this.facts.names(actorIds)).map((u) => [u.id, u.name]));
    const rows: NotificationEntity[] = wanted.flatMap(({ fact, happening, recipients, actorId }) => recipients.map((userId) => ({
      id: notificationId(`${fact.type}:${happening.key}`, userId),
      userId,
      type: fact.type,
      conversationId: happening.conversation?.id ?? null,
      customerId: happening.conversation?.customerId ?? null,
      actorId,
      data: { ...happening.data, title: happening.title, actorName: actorId ? names.get(actorId) ?? null : null, customerName: happening.conversation?.customerName ?? null },
      readAt: null,
      createdAt: now,
    })));
    const byId = new Map(rows.map((r) => [r.id, r])); // the same event twice in a group is one notification
    const stored = (await this.repo.insertNew([...byId.values()])).map(toNotificationDto);
    for (const n of stored) this.realtime.toAgent(byId.get(n.id)!.userId, NOTIFICATION_EVENTS.created, n);
    return stored;
  }
}
