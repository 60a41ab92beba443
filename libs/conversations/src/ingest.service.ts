import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ConversationDto, MessageDto, TimelineEventDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { InboundMessage, REALTIME, RealtimePublisher } from '@parley/channels-core';
import { continuesConversation, newId, previewOf } from '@parley/domain';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, withTransaction } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { IdentityResolutionService, TimelineService, toTimelineDto } from '@parley/customers';
import { toConversationDto, toMessageDto } from './conversation.mapper';

export const INBOUND_QUEUE = 'inbound';

export interface IngestResult {
  message: MessageDto;
  conversation: ConversationDto;
  /** True when this provider message was already stored: nothing new was written. */
  duplicate: boolean;
}

/**
 * The one inbound pipeline for every channel: idempotency key → identity resolution →
 * conversation pick-or-open → message + timeline event, in one transaction → live broadcast.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: DataSource,
    private readonly identities: IdentityResolutionService,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /**
   * For webhooks that must answer fast: once this resolves the message is durably queued and the
   * provider may be acknowledged. The job id is derived from the provider's message id, so a
   * provider retry arriving before the job ran does not queue it twice.
   */
  async enqueue(inbound: InboundMessage): Promise<void> {
    const jobId = createHash('sha256').update(`${inbound.inboxId}\n${inbound.providerMessageId}`).digest('hex');
    await this.queue.add(INBOUND_QUEUE, 'ingest', { ...inbound, occurredAt: (inbound.occurredAt ?? new Date()).toISOString() }, { jobId });
  }

  /** The inbound job: same pipeline, same idempotency. */
  async ingestQueued(data: Record<string, unknown>): Promise<void> {
    const inbound = data as unknown as InboundMessage & { occurredAt: string };
    await this.ingest({ ...inbound, occurredAt: new Date(inbound.occurredAt) });
  }

  async ingest(inbound: InboundMessage): Promise<IngestResult> {
    const outcome = await withTransaction(this.db, async (em) => {
      const existing = await this.findExisting(em, inbound);
      if (existing) return { ...existing, duplicate: true as const };
      return { ...(await this.store(em, inbound)), duplicate: false as const };
    });
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: outcome.conversation.customerId });
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.broadcast(result, outcome.opened, outcome.timeline ? toTimelineDto(outcome.timeline) : null);
    return result;
  }

  private async findExisting(em: EntityManager, inbound: InboundMessage) {
    const message = await em.findOne(MessageEntity, { where: { inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId } });
    if (!message) return null;
    const conversation = await em.findOneByOrFail(ConversationEntity, { id: message.conversationId });
    return { message, conversation, opened: false, timeline: null };
  }

  private async store(em: EntityManager, inbound: InboundMessage) {
    const now = inbound.occurredAt ?? new Date();
    const { customer, identity } = await this.identities.resolve(em, inbound.channel, inbound.sender);
    await this.applyUpdates(em, inbound, customer, identity);
    let conversation = await this.threadedConversation(em, inbound);
    conversation ??= await em.findOne(ConversationEntity, {
      where: { customerId: customer.id, inboxId: inbound.inboxId },
      order: { createdAt: 'DESC' },
    });
    let opened = false;
    if (!conversation || (!continuesConversation(conversation.status) && !conversation.threaded)) {
      opened = true;
      conversation = em.create(ConversationEntity, {
        id: newId(),
        customerId: customer.id,
        inboxId: inbound.inboxId,
        channel: inbound.channel,
        status: 'open',
        assigneeId: null,
        teamId: null,
        priority: 'normal',
        snoozedUntil: null,
        firstResponseAt: null,
        resolvedAt: null,
        lastMessageAt: now,
        lastInboundAt: now,
        lastMessagePreview: null,
        unreadCount: 0,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(ConversationEntity, conversation);
      await this.timeline.append(em, {
        customerId: customer.id,
        type: 'conversation_opened',
        occurredAt: now,
        channel: inbound.channel,
        conversationId: conversation.id,
      });
    }
    const message = em.create(MessageEntity, {
      id: newId(),
      conversationId: conversation.id,
      customerId: customer.id,
      inboxId: inbound.inboxId,
      channel: inbound.channel,
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName: customer.name,
      content: inbound.content,
      private: false,
      attachments: inbound.attachments ?? [],
      providerMessageId: inbound.providerMessageId,
      clientMessageId: inbound.clientMessageId ?? null,
      metadata: inbound.metadata ?? null,
      deliveryStatus: 'delivered',
      deliveryError: null,
      deliveryAttempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    await em.insert(MessageEntity, message);
    const timeline = await this.timeline.append(em, {
      customerId: customer.id,
      type: 'message',
      occurredAt: now,
      channel: inbound.channel,
      conversationId: conversation.id,
      messageId: message.id,
      direction: 'inbound',
      content: inbound.content,
      authorName: customer.name,
      data: message.attachments.length ? { attachments: message.attachments } : null,
    });
    Object.assign(conversation, {
      status: 'open',
      snoozedUntil: null,
      resolvedAt: null,
      lastMessageAt: now,
      lastInboundAt: now,
      lastMessagePreview: previewOf(inbound.content || '📎'),
      unreadCount: conversation.unreadCount + 1,
      updatedAt: now,
    });
    await em.update(ConversationEntity, { id: conversation.id }, {
      status: conversation.status,
      snoozedUntil: null,
      resolvedAt: null,
      lastMessageAt: now,
      lastInboundAt: now,
      lastMessagePreview: conversation.lastMessagePreview,
      unreadCount: () => 'unread_count + 1',
      updatedAt: now,
    });
    delete conversation.threaded;
    return { message, conversation, opened, timeline };
  }

  /** A reply to a known provider message joins that message's conversation, even a resolved one. */
  private async threadedConversation(em: EntityManager, inbound: InboundMessage): Promise<(ConversationEntity & { threaded?: boolean }) | null> {
    const keys = (inbound.threadKeys ?? []).filter(Boolean).slice(-50);
    if (keys.length === 0) return null;
    const earlier = await em.findOne(MessageEntity, {
      select: { conversationId: true },
      where: { inboxId: inbound.inboxId, providerMessageId: In(keys) },
      order: { createdAt: 'DESC' },
    });
    if (!earlier) return null;
    const conversation = await em.findOneBy(ConversationEntity, { id: earlier.conversationId });
    return conversation ? Object.assign(conversation, { threaded: true }) : null;
  }

  private async applyUpdates(em: EntityManager, inbound: InboundMessage, customer: CustomerEntity, identity: ChannelIdentityEntity): Promise<void> {
    const iu = inbound.identityUpdate;
    if (iu) {
      const changes: Partial<ChannelIdentityEntity> = {};
      if (iu.optedOut !== undefined) changes.optedOut = iu.optedOut;
      if (iu.unreachable !== undefined) changes.unreachable = iu.unreachable;
      if (iu.metadata) changes.metadata = { ...(identity.metadata ?? {}), ...iu.metadata };
      if (Object.keys(changes).length) {
        await em.update(ChannelIdentityEntity, { id: identity.id }, changes);
        Object.assign(identity, changes);
      }
    }
    const fill = inbound.customerFill;
    if (fill) {
      const changes: Partial<CustomerEntity> = {};
      if (fill.name?.trim() && !customer.name) changes.name = fill.name.trim();
      if (fill.email && !customer.email) changes.email = fill.email.toLowerCase();
      if (fill.phone && !customer.phone) changes.phone = fill.phone;
      if (fill.attributes) {
        const missing = Object.entries(fill.attributes).filter(([k]) => !(k in (customer.attributes ?? {})));
        if (missing.length) changes.attributes = { ...(customer.attributes ?? {}), ...Object.fromEntries(missing) };
      }
      if (Object.keys(changes).length) {
        changes.updatedAt = new Date();
        await em.update(CustomerEntity, { id: customer.id }, changes);
        Object.assign(customer, changes);
      }
    }
  }

  private broadcast(result: IngestResult, opened: boolean, timeline: TimelineEventDto | null): void {
    const { conversation, message } = result;
    this.realtime.toAgents(opened ? AGENT_EVENTS.conversationCreated : AGENT_EVENTS.conversationUpdated, conversation);
    this.realtime.toAgents(AGENT_EVENTS.messageCreated, message);
    if (timeline) this.realtime.toAgents(AGENT_EVENTS.timelineCreated, timeline);
  }
}
