import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ConversationDto, ConversationLabelDto, ConversationStatus, MacroRef, MessageDto, Page, Priority, WidgetAgentSeenEvent } from '@parley/contracts';
import { AGENT_EVENTS, WIDGET_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher, widgetRoom } from '@parley/channels-core';
import { agentSeenMoves } from '@parley/domain';
import { JOB_QUEUE, JobQueue, SCHEDULER, type Scheduler } from '@parley/queue';
import { type ConversationEntity, type CustomerEntity, decodeCursor, encodeCursor, type UserEntity } from '@parley/persistence';
import { toTimelineDto } from '@parley/customers';
import { toConversationDto, toMessageDto } from './conversation.mapper';
import { enqueueFollowUp } from './follow-up';
import { CONVERSATION_REPOSITORY, type ConversationQuery, type ConversationRepository } from './ports/conversation.repository';

/** A page of the conversation list: the conditions, and where the previous page ended. */
export interface ConversationListRequest extends ConversationQuery {
  cursor?: string;
  limit: number;
}

export interface Actor {
  id: string;
  name: string;
  /** The change is a macro's (libs/macros): its timeline event says so in `data.macro`. */
  macro?: MacroRef;
}

/** The timeline data of a change made by a macro's run. */
export const byMacro = (actor: Pick<Actor, 'macro'>): { macro?: MacroRef } => (actor.macro ? { macro: actor.macro } : {});

/** The queue of snooze wake-ups scheduled before the Scheduler port (issue 15); still drained after an upgrade. */
export const TIMERS_QUEUE = 'timers';
/** Scheduler topic of a snoozed conversation's wake-up; the timer's key is the conversation id. */
export const UNSNOOZE_TOPIC = 'unsnooze';

@Injectable()
export class ConversationsService {
  constructor(
    @Inject(CONVERSATION_REPOSITORY) private readonly repo: ConversationRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
  ) {}

  /** Newest activity first, keyset-paginated on (last_message_at, id) — see the conversation indexes. */
  async list(filter: ConversationListRequest): Promise<Page<ConversationDto>> {
    const { cursor, limit, ...query } = filter;
    const rows = await this.repo.listConversations(query, decodeCursor(cursor), limit + 1);
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit);
    const ids = items.map((c) => c.id);
    const [customers, labels] = await Promise.all([this.customers(items.map((c) => c.customerId)), this.labels(ids)]);
    const last = items[items.length - 1];
    return {
      items: items.map((c) => toConversationDto(c, customers.get(c.customerId), labels.get(c.id) ?? [])),
      nextCursor: more && last ? encodeCursor(last.lastMessageAt, last.id) : null,
    };
  }

  count(query: ConversationQuery): Promise<number> {
    return this.repo.countConversations(query);
  }

  async get(id: string): Promise<ConversationDto> {
    return this.toDto(await this.entity(id));
  }

  async entity(id: string): Promise<ConversationEntity> {
    const c = await this.repo.conversation(id);
    if (!c) throw new NotFoundException(`Conversation ${id} not found`);
    return c;
  }

  async messages(id: string, before: string | undefined, limit: number): Promise<Page<MessageDto>> {
    await this.entity(id);
    const rows = await this.repo.listMessages(id, decodeCursor(before), limit + 1);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toMessageDto), nextCursor: more && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  async setStatus(id: string, status: ConversationStatus, snoozeUntil: string | undefined, actor: Actor): Promise<ConversationDto> {
    let until: Date | null = null;
    if (status === 'snoozed') {
      until = snoozeUntil ? new Date(snoozeUntil) : null;
      if (!until || Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
        throw new BadRequestException('snoozeUntil must be a future ISO 8601 date when snoozing');
      }
    }
    const now = new Date();
    const { conversation, event } = await this.repo.transaction(async (tx) => {
      const c = await tx.conversation(id);
      if (!c) throw new NotFoundException(`Conversation ${id} not found`);
      const from = c.status;
      Object.assign(c, {
        status,
        snoozedUntil: until,
        resolvedAt: status === 'resolved' ? now : from === 'resolved' ? null : c.resolvedAt,
        updatedAt: now,
      });
      await tx.updateConversation(id, { status, snoozedUntil: until, resolvedAt: c.resolvedAt, updatedAt: now });
      const ev = await tx.appendTimeline({
        customerId: c.customerId,
        type: 'status_changed',
        occurredAt: now,
        channel: c.channel,
        conversationId: c.id,
        title: status,
        authorName: actor.name,
        data: { from, to: status, ...(until ? { snoozedUntil: until.toISOString() } : {}), ...byMacro(actor) },
      });
      return { conversation: c, event: ev };
    });
    // A wake-up left behind by an earlier snooze (moved, or the conversation reopened) finds the
    // conversation not due and does nothing: wakeIfDue checks the row.
    if (until) await this.scheduler.schedule(UNSNOOZE_TOPIC, id, until);
    await enqueueFollowUp(this.queue, { kind: 'status', conversationId: id, from: String(event.data?.from), to: status }, `st-${event.id}`);
    const dto = await this.toDto(conversation);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
    return dto;
  }

  /** Timer job: a snoozed conversation whose time has come is open again. */
  async wakeIfDue(id: string): Promise<void> {
    const c = await this.repo.conversation(id);
    if (!c || c.status !== 'snoozed' || !c.snoozedUntil || c.snoozedUntil.getTime() > Date.now()) return;
    await this.setStatus(id, 'open', undefined, { id: 'system', name: 'Parley' });
  }

  async assign(id: string, agentId: string | null | undefined, teamId: string | null | undefined, actor: Actor): Promise<ConversationDto> {
    let agent: UserEntity | null = null;
    if (agentId) {
      agent = await this.repo.user(agentId);
      if (!agent) throw new BadRequestException(`Agent ${agentId} does not exist`);
    }
    if (teamId && !(await this.repo.teamExists(teamId))) throw new BadRequestException(`Team ${teamId} does not exist`);
    const now = new Date();
    const { conversation, event, previous } = await this.repo.transaction(async (tx) => {
      const c = await tx.conversation(id);
      if (!c) throw new NotFoundException(`Conversation ${id} not found`);
      const previous = { assigneeId: c.assigneeId, teamId: c.teamId };
      const changes: Partial<ConversationEntity> = { updatedAt: now };
      if (agentId !== undefined) changes.assigneeId = agentId;
      if (teamId !== undefined) changes.teamId = teamId;
      Object.assign(c, changes);
      await tx.updateConversation(id, changes);
      const ev = await tx.appendTimeline({
        customerId: c.customerId,
        type: 'assigned',
        occurredAt: now,
        channel: c.channel,
        conversationId: c.id,
        title: agent?.name ?? null,
        authorName: actor.name,
        data: { assigneeId: c.assigneeId, teamId: c.teamId, ...byMacro(actor) },
      });
      return { conversation: c, event: ev, previous };
    });
    await enqueueFollowUp(this.queue, { kind: 'assignment', conversationId: id, previousAssigneeId: previous.assigneeId, previousTeamId: previous.teamId, ...(actor.id !== 'system' ? { actorId: actor.id } : {}), at: now.toISOString() }, `as-${event.id}`);
    const dto = await this.toDto(conversation);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
    return dto;
  }

  async setPriority(id: string, priority: Priority, actor: Actor): Promise<ConversationDto> {
    const now = new Date();
    const { conversation, event } = await this.repo.transaction(async (tx) => {
      const c = await tx.conversation(id);
      if (!c) throw new NotFoundException(`Conversation ${id} not found`);
      const from = c.priority;
      Object.assign(c, { priority, updatedAt: now });
      await tx.updateConversation(id, { priority, updatedAt: now });
      const ev = await tx.appendTimeline({
        customerId: c.customerId,
        type: 'priority_changed',
        occurredAt: now,
        channel: c.channel,
        conversationId: c.id,
        title: priority,
        authorName: actor.name,
        data: { from, to: priority, ...byMacro(actor) },
      });
      return { conversation: c, event: ev };
    });
    const dto = await this.toDto(conversation);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
    return dto;
  }

  /**
   * An agent opened the conversation (or it is open while a message arrives): nothing is unread, and
   * when the customer wrote since the last time, the agent has seen it: a web chat visitor gets
   * `agent:seen` and shows "Seen" under their messages up to now.
   */
  async markRead(id: string, now = new Date()): Promise<ConversationDto> {
    const c = await this.entity(id);
    const changes: Partial<ConversationEntity> = {};
    if (c.unreadCount !== 0) changes.unreadCount = 0;
    const seen = agentSeenMoves(c.agentLastSeenAt ?? null, c.lastInboundAt ?? null);
    if (seen) changes.agentLastSeenAt = now;
    if (!Object.keys(changes).length) return this.toDto(c);
    await this.repo.updateConversation(id, changes);
    Object.assign(c, changes);
    const dto = await this.toDto(c);
    if (changes.unreadCount !== undefined) this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
    if (seen && c.channel === 'webchat') {
      const event: WidgetAgentSeenEvent = { conversationId: c.id, seenAt: now.toISOString() };
      this.realtime.toWidgetRoom(widgetRoom(c.inboxId, c.customerId), WIDGET_EVENTS.agentSeen, event);
    }
    return dto;
  }

  /**
   * Conversation DTOs embed the customer's name: after a customer edit or merge, the consoles get
   * the customer's recent conversations again so no list row shows a stale name or customer id.
   */
  async announceCustomerChange(customerId: string): Promise<void> {
    const page = await this.list({ customerId, limit: 50 });
    for (const dto of page.items) this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
  }

  /** Rows already read (a bulk page), each with its customer and labels: one read of each for the whole page. */
  async withDetails(rows: ConversationEntity[]): Promise<{ conversation: ConversationEntity; customer: CustomerEntity | null; labels: ConversationLabelDto[] }[]> {
    const ids = rows.map((c) => c.id);
    const [customers, labels] = await Promise.all([this.customers([...new Set(rows.map((c) => c.customerId))]), this.labels(ids)]);
    return rows.map((c) => ({ conversation: c, customer: customers.get(c.customerId) ?? null, labels: labels.get(c.id) ?? [] }));
  }

  async toDto(c: ConversationEntity): Promise<ConversationDto> {
    const [[customer], labels] = await Promise.all([this.repo.customers([c.customerId]), this.labels([c.id])]);
    return toConversationDto(c, customer, labels.get(c.id) ?? []);
  }

  /** One read for a whole page: each conversation's labels, oldest first. */
  private async labels(conversationIds: string[]): Promise<Map<string, ConversationLabelDto[]>> {
    const out = new Map<string, ConversationLabelDto[]>();
    if (!conversationIds.length) return out;
    for (const { conversationId, id, nameEn, nameRu, colour } of await this.repo.labelsOf(conversationIds)) {
      out.set(conversationId, [...(out.get(conversationId) ?? []), { id, nameEn, nameRu, colour }]);
    }
    return out;
  }

  private async customers(ids: string[]): Promise<Map<string, CustomerEntity>> {
    return new Map((await this.repo.customers(ids)).map((c) => [c.id, c]));
  }
}
