import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MessageDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { DeliveryStatusUpdate, REALTIME, RealtimePublisher } from '@parley/channels-core';
import { advancesDelivery } from '@parley/domain';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { toMessageDto } from './conversation.mapper';
import { DELIVERY_QUEUE } from './outbound.service';
import { OUTBOX_REPOSITORY, type OutboxRepository } from './ports/outbox.repository';

/** A delivery report waits this many tries (1 s, doubling: about four minutes in all) for its message's send to be recorded. */
const STATUS_ATTEMPTS = 8;
/** A report's job outlasts a database outage of about an hour (1 s, doubling) before it is a dead letter. */
const STATUS_JOB_ATTEMPTS = 12;

/** What happened to a message after it left: the provider's sent, delivered, read and failed reports. */
@Injectable()
export class DeliveryStatusService {
  private readonly logger = new Logger(DeliveryStatusService.name);

  constructor(
    @Inject(OUTBOX_REPOSITORY) private readonly outbox: OutboxRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /**
   * A provider's delivery report (status callback, bounce, read receipt). Statuses only move
   * forward: a late "sent" never overwrites "delivered", and failures are final.
   */
  async applyDeliveryStatus(inboxId: string, update: DeliveryStatusUpdate): Promise<MessageDto | null> {
    return (await this.apply(inboxId, update)).dto;
  }

  /**
   * Status webhooks are queued, not written: acknowledged once the queue has them, they survive a
   * database outage (the worker applies them when it is back), and a report that overtook our
   * record of the send (Twilio calls back while the REST answer is still on its way) waits in the
   * queue for it. Throws when the queue cannot take them: the provider must be refused then.
   */
  async queueDeliveryStatus(inboxId: string, updates: DeliveryStatusUpdate[]): Promise<void> {
    await this.queue.addMany(DELIVERY_QUEUE, updates.map((update) => ({
      name: 'status',
      data: { inboxId, update: { ...update } },
      opts: { jobId: `status-${statusKey(inboxId, update)}`, attempts: STATUS_JOB_ATTEMPTS, backoffMs: 1000 },
    })));
  }

  /** The queued report: retried until its message is known; a report for none of ours is dropped. */
  async applyQueuedStatus(data: { inboxId: string; update: DeliveryStatusUpdate }, attempt: number): Promise<void> {
    if (data.update.upTo) return this.applyUpTo(data.inboxId, data.update, data.update.upTo, attempt);
    if ((await this.apply(data.inboxId, data.update)).known) return;
    if (attempt < STATUS_ATTEMPTS) throw new Error(`No message ${data.update.providerMessageId} yet; will look again`);
    this.logger.warn({ inboxId: data.inboxId, providerMessageId: data.update.providerMessageId }, 'delivery report for an unknown message dropped');
  }

  /**
   * A watermark (Meta's read and delivery reports): every message sent to the recipient up to that
   * moment moves forward. One still being sent then (its send not recorded: a lost answer, a report
   * that overtook it) makes the report wait in the queue, like a report for an unknown message.
   */
  private async applyUpTo(inboxId: string, update: DeliveryStatusUpdate, upTo: { recipient: string; at: string }, attempt: number): Promise<void> {
    const at = new Date(upTo.at);
    const behind = WATERMARK_BEHIND[update.status];
    if (Number.isNaN(at.getTime()) || !behind) return;
    const messages = await this.outbox.sentUpTo(inboxId, upTo.recipient, at, ['pending', ...behind], WATERMARK_BATCH);
    for (const message of messages) {
      if (message.providerMessageId && message.deliveryStatus !== 'pending') await this.apply(inboxId, { providerMessageId: message.providerMessageId, status: update.status });
    }
    if (messages.some((m) => m.deliveryStatus === 'pending') && attempt < STATUS_ATTEMPTS) throw new Error(`A message before the ${update.status} watermark is still being sent; will look again`);
  }

  /**
   * Compare-and-set on the status read: two reports of one message applied at once (a "sent" and a
   * "delivered" that both waited for the send) must not let the slower one write its older status
   * over the newer; the loser reads again and sees whether it still moves the message forward.
   */
  private async apply(inboxId: string, update: DeliveryStatusUpdate): Promise<{ known: boolean; dto: MessageDto | null }> {
    for (let tries = 0; tries < 5; tries++) {
      const message = await this.outbox.byProviderId(inboxId, update.providerMessageId);
      if (!message) return { known: false, dto: null };
      if (!advancesDelivery(message.deliveryStatus, update.status)) return { known: true, dto: null };
      const deliveryError = update.errorMessage ?? (update.errorCode ? `Error ${update.errorCode}` : null);
      const metadata = update.errorCode ? { ...(message.metadata ?? {}), errorCode: update.errorCode } : message.metadata;
      const changes = { deliveryStatus: update.status, deliveryError, metadata, updatedAt: new Date() };
      if (!(await this.outbox.updateMessage(message.id, changes, { deliveryStatus: message.deliveryStatus }))) continue;
      const dto = toMessageDto({ ...message, deliveryStatus: update.status, deliveryError, metadata });
      this.realtime.toAgents(AGENT_EVENTS.messageUpdated, dto);
      return { known: true, dto };
    }
    throw new Error(`The delivery status of ${update.providerMessageId} kept changing under this report; will look again`);
  }
}

/** The statuses a watermark of each kind moves forward. */
const WATERMARK_BEHIND: Partial<Record<DeliveryStatusUpdate['status'], DeliveryStatusUpdate['status'][]>> = {
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
};
/** A watermark concerns the messages since the previous one: a handful; more are left to the next report. */
const WATERMARK_BATCH = 200;

/** One job per provider message and status: a provider's retry of the same report queues nothing new. */
function statusKey(inboxId: string, update: DeliveryStatusUpdate): string {
  return createHash('sha256').update(`${inboxId}\n${update.providerMessageId}\n${update.status}`).digest('hex');
}
