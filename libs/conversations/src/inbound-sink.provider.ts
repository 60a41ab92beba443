import { Injectable, type Provider } from '@nestjs/common';
import { INBOUND_SINK, type DeliveryStatusUpdate, type InboundMessage, type InboundSink } from '@parley/channels-core';
import { DeliveryStatusService } from './delivery-status.service';
import { IngestService, isSenderUpdate } from './ingest.service';

/** channels/core's InboundSink: mail and polled updates enter the same pipeline as webhooks. */
@Injectable()
export class ConversationsInboundSink implements InboundSink {
  constructor(private readonly ingestion: IngestService, private readonly statuses: DeliveryStatusService) {}

  async ingest(message: InboundMessage): Promise<{ duplicate: boolean; conversationId: string | null }> {
    const outcome = await this.ingestion.receive(message);
    return { duplicate: outcome.duplicate, conversationId: isSenderUpdate(outcome) ? null : outcome.conversation.id };
  }

  async deliveryStatus(inboxId: string, update: DeliveryStatusUpdate): Promise<boolean> {
    return !!(await this.statuses.applyDeliveryStatus(inboxId, update));
  }
}

export const INBOUND_SINK_PROVIDERS: Provider[] = [ConversationsInboundSink, { provide: INBOUND_SINK, useExisting: ConversationsInboundSink }];
