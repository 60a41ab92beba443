import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChannelAdapter, InboxRef } from '@parley/channels-core';
import { advancesDelivery } from '@parley/domain';
import type { MessageEntity } from '@parley/persistence';
import { ChannelRegistry } from './channel-registry';
import { DeliveryStatusService } from './delivery-status.service';
import { OUTBOX_REPOSITORY, type OutboxRepository } from './ports/outbox.repository';

/** The repeating job of the delivery queue that runs `reconcile`. */
export const RECONCILE_JOB = 'reconcile-status';
export const RECONCILE_EVERY_MS = 60_000;
/** Past this a provider has said all it will (Twilio keeps a carrier's late receipts for 72 hours). */
const MAX_AGE_MS = 3 * 24 * 3600 * 1000;
const BATCH = 100;

/**
 * Delivery reports get lost: a callback refused during an outage, dropped on the way, never sent.
 * A message left `queued` or `sent` longer than its provider takes to report is looked up at the
 * provider (Twilio's Message resource) and settled as a report would have settled it.
 */
@Injectable()
export class DeliveryReconciliation {
  private readonly logger = new Logger('delivery-reconciliation');

  constructor(
    @Inject(OUTBOX_REPOSITORY) private readonly outbox: OutboxRepository,
    private readonly deliveryStatus: DeliveryStatusService,
    private readonly channels: ChannelRegistry,
  ) {}

  async reconcile(now = new Date()): Promise<{ checked: number; settled: number }> {
    let checked = 0;
    let settled = 0;
    for (const adapter of this.channels.all()) {
      if (!adapter.lookupStatus || !adapter.statusLookupAfterMs) continue;
      const silent = await this.outbox.silent(adapter.channel, new Date(now.getTime() - adapter.statusLookupAfterMs), new Date(now.getTime() - MAX_AGE_MS), BATCH);
      const inboxes = new Map<string, InboxRef | null>();
      for (const message of silent) {
        checked++;
        try {
          if (await this.settle(adapter, message, inboxes, now)) settled++;
        } catch (err) {
          this.logger.warn({ messageId: message.id, channel: adapter.channel, error: String(err?.message ?? err) }, 'delivery status not looked up; tried again later');
        }
      }
    }
    if (settled) this.logger.log(`settled ${settled} of ${checked} messages whose delivery reports never came`);
    return { checked, settled };
  }

  private async settle(adapter: ChannelAdapter, message: MessageEntity, inboxes: Map<string, InboxRef | null>, now: Date): Promise<boolean> {
    if (!inboxes.has(message.inboxId)) {
      const inbox = await this.outbox.inbox(message.inboxId);
      inboxes.set(message.inboxId, inbox ? { id: inbox.id, channel: inbox.channel, config: inbox.config } : null);
    }
    const inbox = inboxes.get(message.inboxId);
    const update = inbox ? await adapter.lookupStatus!(message.providerMessageId!, inbox) : null;
    if (update && advancesDelivery(message.deliveryStatus, update.status)) {
      await this.deliveryStatus.applyDeliveryStatus(message.inboxId, update);
      return true;
    }
    // Still on its way (or unknown there): asked again after another full wait, not every minute.
    await this.outbox.updateMessage(message.id, { updatedAt: now }, { deliveryStatus: message.deliveryStatus });
    return false;
  }
}
