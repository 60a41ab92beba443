import { Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { AttachmentDto, MessageDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { InboxRef, OutboundMessage, PermanentDeliveryError, REALTIME, RealtimePublisher } from '@parley/channels-core';
import { newId, previewOf, unresolvedPlaceholders } from '@parley/domain';
import { AttachmentStore, ChannelIdentityEntity, ConversationEntity, MessageEntity, signAttachments } from '@parley/persistence';
import { JOB_QUEUE, JobQueue, PermanentJobError } from '@parley/queue';
import { CustomersService, toTimelineDto } from '@parley/customers';
import { ChannelRegistry } from './channel-registry';
import { toMessageDto } from './conversation.mapper';
import { byMacro, ConversationsService, type Actor } from './conversations.service';
import { enqueueFollowUp } from './follow-up';
import { OUTBOX_REPOSITORY, type OutboxRepository } from './ports/outbox.repository';

export const DELIVERY_QUEUE = 'delivery';
/** Metadata key: when the attempt in flight began (see `deliver`). */
const SEND_STARTED = 'sendStartedAt';

/**
 * Outbound mirrors ingest: the message row is the outbox (status `pending`), the queue job only
 * triggers its delivery, and a sweeper re-triggers any pending row whose job was lost.
 */
@Injectable()
export class OutboundService {
  private readonly logger = new Logger(OutboundService.name);

  constructor(
    @Inject(OUTBOX_REPOSITORY) private readonly outbox: OutboxRepository,
    private readonly conversations: ConversationsService,
    private readonly channels: ChannelRegistry,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly attachments: AttachmentStore,
    private readonly customers: CustomersService,
  ) {}

  async reply(
    conversationId: string,
    actor: Actor,
    content: string,
    isPrivate: boolean,
    metadata: Record<string, unknown> | null = null,
    attachmentIds: string[] = [],
  ): Promise<MessageDto> {
    const now = new Date();
    // A canned response's placeholder the agent did not fill ({{customer.first_name}} with no name on
    // file) never reaches the customer, whichever client sent the reply.
    const unfilled = isPrivate ? [] : unresolvedPlaceholders(content ?? '');
    if (unfilled.length) throw new UnprocessableEntityException(`Fill in or remove ${unfilled.map((p) => `{{${p}}}`).join(', ')} before sending`);
    const attachments = await this.attachments.describe(attachmentIds);
    if (attachments.length !== attachmentIds.length) throw new UnprocessableEntityException('Unknown attachment id');
    const { message, conversation, event } = await this.outbox.transaction(async (tx) => {
      const c = await tx.conversation(conversationId);
      if (!c) throw new NotFoundException(`Conversation ${conversationId} not found`);
      if (!isPrivate) await this.assertSendable(c, metadata, attachments, now);
      const m: MessageEntity = {
        id: newId(),
        conversationId: c.id,
        customerId: c.customerId,
        inboxId: c.inboxId,
        channel: c.channel,
        direction: 'outbound',
        authorType: 'agent',
        authorId: actor.id,
        authorName: actor.name,
        content,
        private: isPrivate,
        attachments,
        metadata,
        providerMessageId: null,
        clientMessageId: null,
        deliveryStatus: isPrivate ? 'sent' : 'pending',
        deliveryError: null,
        deliveryAttempts: 0,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertMessage(m);
      const ev = await tx.appendTimeline({
        customerId: c.customerId,
        type: isPrivate ? 'note' : 'message',
        occurredAt: now,
        channel: c.channel,
        conversationId: c.id,
        messageId: m.id,
        direction: 'outbound',
        content,
        authorName: actor.name,
        ...(actor.macro ? { data: byMacro(actor) } : {}),
      });
      const changes: Partial<ConversationEntity> = { updatedAt: now };
      if (!isPrivate) {
        changes.lastMessageAt = now;
        // A file sent alone (a pasted screenshot) previews as its name.
        changes.lastMessagePreview = previewOf(content.trim() ? content : attachments.map((a) => `📎 ${a.fileName ?? a.contentType}`).join(' '));
        changes.unreadCount = 0;
        if (!c.firstResponseAt) changes.firstResponseAt = now;
      }
      Object.assign(c, changes);
      await tx.updateConversation(c.id, changes);
      return { message: m, conversation: c, event: ev };
    });
    if (!isPrivate) await this.queueAfterReply(message);
    else await this.queueAfterNote(message);
    const dto = toMessageDto(message);
    this.realtime.toAgents(AGENT_EVENTS.messageCreated, dto);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.toDto(conversation));
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
    return dto;
  }

  /**
   * The reply is stored (as `pending`) before its jobs are queued. If the queue cannot take them
   * (Redis away), the reply still stands: `sweepPending` queues a pending message again within a
   * minute, so the agent gets the stored message rather than an error inviting a second send.
   */
  private async queueAfterReply(message: MessageEntity): Promise<void> {
    try {
      await this.enqueue(message.id);
      await enqueueFollowUp(this.queue, { kind: 'reply', conversationId: message.conversationId, messageId: message.id }, `re-${message.id}`);
    } catch (err) {
      this.logger.warn({ messageId: message.id, error: String((err as Error)?.message ?? err) }, 'reply stored, not queued yet: the pending sweep will queue it');
    }
  }

  /** A note's mentions are the listeners' (notifications); the note stands if the queue is away. */
  private async queueAfterNote(message: MessageEntity): Promise<void> {
    if (!message.authorId) return;
    await enqueueFollowUp(this.queue, { kind: 'note', conversationId: message.conversationId, messageId: message.id, authorId: message.authorId }, `note-${message.id}`)
      .catch((err) => this.logger.warn({ messageId: message.id, error: String((err as Error)?.message ?? err) }, 'note stored, its follow-up not queued'));
  }

  enqueue(messageId: string): Promise<void> {
    return this.queue.add(DELIVERY_QUEUE, 'deliver', { messageId }, { jobId: messageId, attempts: 8, backoffMs: 2000 });
  }

  /**
   * Delivery job. Only a message still `pending` is sent, so a re-run of a job that already
   * succeeded sends nothing. Before each attempt the message records that an attempt began; an
   * attempt that ended without a verdict (a crash, a lost answer) leaves that mark, and the next one
   * first asks the provider whether the message went out, so it is not sent twice.
   */
  async deliver(messageId: string, attempt: number, finalAttempt: boolean, replayed = false): Promise<void> {
    // An admin replaying the dead letter of a delivery that ran out of attempts (a long provider
    // outage) means: try this message again. A refusal (opted out, bad number) is no dead letter.
    if (replayed) {
      await this.outbox.updateMessage(messageId, { deliveryStatus: 'pending', deliveryError: null, updatedAt: new Date() }, { deliveryStatus: 'failed', unsent: true });
    }
    try {
      await this.attemptDelivery(messageId, attempt, finalAttempt);
    } catch (err) {
      // Whatever failed before the send (a lookup, the database): a row left `pending` after the
      // last attempt would be re-queued by the sweeper every minute, for ever. The failure is shown instead.
      if (finalAttempt) await this.failIfPending(messageId, String(err?.message ?? err)).catch(() => undefined);
      throw err;
    }
  }

  private async attemptDelivery(messageId: string, attempt: number, finalAttempt: boolean): Promise<void> {
    const message = await this.outbox.message(messageId);
    if (!message || message.deliveryStatus !== 'pending' || message.private) return;
    const inbox = await this.outbox.inbox(message.inboxId);
    if (!inbox) return this.fail(message, 'The inbox was deleted');
    const identity = await this.outbox.latestIdentity(message.customerId, message.channel);
    if (!identity) return this.fail(message, `The customer has no ${message.channel} identity`);
    const inboxRef: InboxRef = { id: inbox.id, channel: inbox.channel, config: inbox.config };
    const adapter = this.channels.get(message.channel);
    const outbound = await this.outboundOf(message, identity);
    const { [SEND_STARTED]: interrupted, ...metadata } = message.metadata ?? {};
    try {
      const recorded = (ids: string[]) => this.recordedElsewhere(message, ids);
      let result = typeof interrupted === 'string' && adapter.findSent ? await adapter.findSent(outbound, inboxRef, new Date(interrupted), recorded) : null;
      if (result) {
        this.logger.warn({ messageId, providerMessageId: result.providerMessageId }, 'an interrupted attempt had sent the message: recorded, not sent again');
      } else {
        const marked: Record<string, any> = { ...metadata, [SEND_STARTED]: new Date().toISOString() };
        if (!(await this.outbox.updateMessage(message.id, { metadata: marked }, { deliveryStatus: 'pending' }))) return;
        result = await adapter.send(outbound, inboxRef);
      }
      const merged = result.metadata ? { ...metadata, ...result.metadata } : metadata;
      const stored = Object.keys(merged).length ? merged : null;
      await this.outbox.updateMessage(message.id, {
        deliveryStatus: result.status,
        providerMessageId: result.providerMessageId,
        deliveryAttempts: attempt,
        deliveryError: null,
        metadata: stored,
        updatedAt: new Date(),
      }, { deliveryStatus: 'pending' });
      this.realtime.toAgents(AGENT_EVENTS.messageUpdated, toMessageDto({ ...message, deliveryStatus: result.status, providerMessageId: result.providerMessageId, deliveryAttempts: attempt, metadata: stored }));
    } catch (err) {
      const permanent = !!(err as { permanent?: boolean }).permanent;
      // The provider said no: nothing went out, the next attempt need not look for it.
      const settled = permanent || !!(err as { notSent?: boolean }).notSent;
      if (permanent) await this.updateIdentity(identity, (err as PermanentDeliveryError).identityUpdate);
      if (permanent || finalAttempt) {
        await this.fail(message, String(err.message ?? err));
        if (permanent) throw new PermanentJobError(err.message);
      } else {
        await this.outbox.updateMessage(message.id, {
          deliveryAttempts: attempt,
          deliveryError: String(err.message ?? err).slice(0, 500),
          ...(settled ? { metadata: Object.keys(metadata).length ? metadata : null } : {}),
          updatedAt: new Date(),
        });
      }
      throw err;
    }
  }

  /**
   * Why a reply could not go out in this conversation now (opted out, unreachable, the channel's own
   * rule such as WhatsApp's 24 hours), or null: what a macro checks before applying anything.
   */
  async sendRefusal(conversationId: string, now = new Date()): Promise<string | null> {
    const c = await this.outbox.conversation(conversationId);
    if (!c) return `Conversation ${conversationId} not found`;
    return this.assertSendable(c, null, [], now).then(() => null, (err) => String(err?.message ?? err));
  }

  private async assertSendable(c: ConversationEntity, metadata: Record<string, unknown> | null, attachments: AttachmentDto[], now: Date): Promise<void> {
    const identity = await this.outbox.latestIdentity(c.customerId, c.channel);
    if (identity?.optedOut) throw new UnprocessableEntityException('The customer opted out of messages on this channel');
    if (identity?.unreachable) throw new UnprocessableEntityException('The customer cannot be reached on this channel any more');
    const inbox = await this.outbox.inbox(c.inboxId);
    const adapter = this.channels.get(c.channel);
    const reason = inbox && adapter.checkSendable?.(
      { lastInboundAt: c.lastInboundAt, identity: identity ? { optedOut: identity.optedOut, unreachable: identity.unreachable, metadata: identity.metadata } : null, metadata, attachments, now },
      { id: inbox.id, channel: inbox.channel, config: inbox.config },
    );
    if (reason) throw new UnprocessableEntityException(reason);
  }

  private async outboundOf(message: MessageEntity, identity: ChannelIdentityEntity): Promise<OutboundMessage> {
    const [conversation, earlier, quoted] = await Promise.all([
      this.outbox.conversation(message.conversationId),
      this.outbox.earlierProviderIds(message, 20),
      this.outbox.lastInboundBefore(message),
    ]);
    return {
      messageId: message.id,
      conversationId: message.conversationId,
      customerId: message.customerId,
      recipient: { externalId: identity.externalId },
      content: message.content,
      // Providers fetch these (Twilio's MediaUrl) and the widget shows them: signed, short-lived links.
      attachments: signAttachments(message.attachments),
      authorName: message.authorName,
      createdAt: message.createdAt,
      metadata: message.metadata,
      conversationMetadata: conversation?.metadata ?? null,
      identityMetadata: identity.metadata,
      references: [...earlier].reverse(),
      quoted: quoted ? { content: quoted.content, authorName: quoted.authorName, createdAt: quoted.createdAt } : null,
    };
  }

  /** The provider ids among `ids` that another message of this inbox already carries. */
  private async recordedElsewhere(message: MessageEntity, ids: string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    return new Set(await this.outbox.providerIdsTaken(message.inboxId, ids, message.id));
  }

  /** Re-triggers outbound rows left pending (a job lost between commit and enqueue, a crash). */
  async sweepPending(olderThanMs = 60_000): Promise<number> {
    const stale = await this.outbox.stalePending(new Date(Date.now() - olderThanMs), 500);
    for (const id of stale) await this.enqueue(id);
    if (stale.length) this.logger.warn(`re-queued ${stale.length} pending outbound messages`);
    return stale.length;
  }

  /** What a refusal says about the recipient (blocked the bot, unsubscribed): kept and shown. */
  private async updateIdentity(identity: ChannelIdentityEntity, update: PermanentDeliveryError['identityUpdate']): Promise<void> {
    const changes: Partial<ChannelIdentityEntity> = {};
    if (update?.optedOut !== undefined && update.optedOut !== !!identity.optedOut) changes.optedOut = update.optedOut;
    if (update?.unreachable !== undefined && update.unreachable !== !!identity.unreachable) changes.unreachable = update.unreachable;
    if (Object.keys(changes).length === 0) return;
    await this.outbox.updateIdentity(identity.id, changes);
    this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.customers.get(identity.customerId));
  }

  private async failIfPending(messageId: string, reason: string): Promise<void> {
    const message = await this.outbox.message(messageId);
    if (message?.deliveryStatus === 'pending') await this.fail(message, reason);
  }

  private async fail(message: MessageEntity, reason: string): Promise<void> {
    const deliveryError = reason.slice(0, 500);
    await this.outbox.updateMessage(message.id, { deliveryStatus: 'failed', deliveryError, updatedAt: new Date() });
    this.realtime.toAgents(AGENT_EVENTS.messageUpdated, toMessageDto({ ...message, deliveryStatus: 'failed', deliveryError }));
  }
}

