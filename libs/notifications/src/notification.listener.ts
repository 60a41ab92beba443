import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  type ConversationAssigned, type DispatchFacts, type DomainEvent, type DomainEventListener, DomainEventListeners, eventsOfType, isDetractor,
  LISTENER_NAMES, type MessageReceived, type NoteAdded, type NotificationFact, parseMentions, recipientsOf, ROUTING_OUTCOMES, type SlaFired, type SurveyAnswered, SURVEY_TYPES, type SurveyType,
} from '@parley/domain';
import { CollaboratorsService } from './collaborators.service';
import { NOTIFICATION_FACTS_REPOSITORY, type NotificationFactsRepository } from './ports/notification-facts.repository';
import { NotifyService } from './notify.service';

const preview = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/**
 * Chatwoot's notification listener: assignments, customers' messages, mentions in notes, SLA
 * warnings and breaches, detractors. Runs after routing, which may just have assigned the
 * conversation (the assignee then hears of the assignment, not of the message as well).
 */
@Injectable()
export class NotificationListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.notifications;
  readonly listensTo = ['message.received', 'conversation.assigned', 'note.added', 'sla.fired', 'survey.answered'] as const;
  readonly after = [LISTENER_NAMES.routing];

  constructor(
    private readonly listeners: DomainEventListeners,
    private readonly notify: NotifyService,
    private readonly collaborators: CollaboratorsService,
    @Inject(NOTIFICATION_FACTS_REPOSITORY) private readonly facts: NotificationFactsRepository,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    const routed = facts.get(ROUTING_OUTCOMES);
    await this.received(eventsOfType(events, 'message.received'), (conversationId) => routed?.get(conversationId)?.assigned ?? false);
    for (const e of eventsOfType(events, 'conversation.assigned')) await this.assigned(e);
    for (const e of eventsOfType(events, 'note.added')) await this.noted(e);
    for (const e of eventsOfType(events, 'sla.fired')) await this.slaFired(e);
    for (const e of eventsOfType(events, 'survey.answered')) await this.answered(e);
  }

  /**
   * Customers' messages, a whole group at once (a group commit publishes up to a hundred): one read
   * of their conversations and followers; the messages (for the preview) read, and the candidates'
   * presence and settings, only when someone may be told.
   */
  private async received(events: MessageReceived[], justRouted: (conversationId: string) => boolean): Promise<void> {
    if (!events.length) return;
    const ids = events.map((e) => e.conversationId);
    const [conversations, followers] = await Promise.all([this.facts.conversationsOf(ids), this.collaborators.followersOf(ids)]);
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const planned = events.flatMap((e) => {
      const c = byId.get(e.conversationId);
      if (!c) return [];
      const routed = justRouted(c.id);
      const facts: { fact: NotificationFact; key: string }[] = [
        ...(routed ? [{ fact: { type: 'assigned' as const, assigneeId: c.assigneeId, actorId: null }, key: `routed:${e.messageId}` }] : []),
        { fact: { type: 'message', assigneeId: routed ? null : c.assigneeId, collaboratorIds: followers.get(c.id) ?? [] }, key: e.messageId },
      ];
      return facts.filter((f) => recipientsOf(f.fact).length).map((f) => ({ ...f, e, c }));
    });
    if (!planned.length) return;
    const messages = new Map((await this.facts.messagesOf(planned.map((p) => p.e.messageId))).map((m) => [m.id, m]));
    await this.notify.notifyAll(planned.map(({ fact, key, e, c }) => ({
      fact,
      happening: { key, conversation: c, actorId: null, title: c.customerName ?? '', data: { preview: preview(messages.get(e.messageId)?.content ?? '') } },
    })));
  }

  private async assigned(e: ConversationAssigned): Promise<void> {
    const c = await this.facts.conversation(e.conversationId);
    if (!c?.assigneeId || c.assigneeId === e.previousAssigneeId) return;
    const actorId = e.actorId ?? null;
    await this.notify.notify({ type: 'assigned', assigneeId: c.assigneeId, actorId },
      { key: `${c.id}:${e.at ?? ''}:${c.assigneeId}`, conversation: c, actorId, title: c.customerName ?? '' });
  }

  private async noted(e: NoteAdded): Promise<void> {
    const [c, note] = await Promise.all([this.facts.conversation(e.conversationId), this.facts.message(e.messageId)]);
    if (!c || !note?.private) return;
    const mentioned = parseMentions(note.content, await this.facts.agents()).filter((id) => id !== e.authorId);
    if (!mentioned.length) return;
    await this.collaborators.addMentioned(c.id, mentioned, e.authorId);
    await this.notify.notify({ type: 'mention', mentionedIds: mentioned, actorId: e.authorId },
      { key: e.messageId, conversation: c, actorId: e.authorId, title: c.customerName ?? '', data: { preview: preview(note.content), messageId: note.id } });
  }

  private async slaFired(e: SlaFired): Promise<void> {
    const c = await this.facts.conversation(e.conversationId);
    if (!c) return;
    const type = e.phase === 'breach' ? 'sla_breach' : 'sla_warning';
    await this.notify.notify({ type, assigneeId: c.assigneeId }, { key: `${e.timerId}:${e.phase}`, conversation: c, actorId: null, title: c.customerName ?? '', data: { metric: e.metric } });
  }

  private async answered(e: SurveyAnswered): Promise<void> {
    const [c, type] = await Promise.all([this.facts.conversation(e.conversationId), this.facts.surveyType(e.surveyId)]);
    if (!c?.teamId || !type || !SURVEY_TYPES.includes(type as SurveyType) || !isDetractor(type as SurveyType, e.score)) return;
    await this.notify.notify({ type: 'detractor', leadIds: await this.facts.teamLeads(c.teamId) },
      { key: e.surveyId, conversation: c, actorId: null, title: c.customerName ?? '', data: { score: e.score, surveyType: type } });
  }
}
