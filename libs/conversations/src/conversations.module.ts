import { Module } from '@nestjs/common';
import { CustomersModule } from '@parley/customers';
import { ChannelRegistry } from './channel-registry';
import { ConversationHooks } from './conversation-hooks';
import { ConversationsService } from './conversations.service';
import { DeliveryReconciliation } from './delivery-reconciliation.service';
import { DeliveryStatusService } from './delivery-status.service';
import { INBOUND_SINK } from '@parley/channels-core';
import { INBOUND_SINK_PROVIDERS } from './inbound-sink.provider';
import { IngestService } from './ingest.service';
import { INGEST_PROVIDERS } from './ingest/ingest.providers';
import { OutboundService } from './outbound.service';
import { OUTBOX_REPOSITORY } from './ports/outbox.repository';
import { TypeOrmOutboxRepository } from './typeorm-outbox.repository';
import { CONVERSATION_REPOSITORY } from './ports/conversation.repository';
import { TypeOrmConversationRepository } from './typeorm-conversation.repository';

@Module({
  imports: [CustomersModule],
  providers: [{ provide: OUTBOX_REPOSITORY, useClass: TypeOrmOutboxRepository }, { provide: CONVERSATION_REPOSITORY, useClass: TypeOrmConversationRepository }, ChannelRegistry, ConversationHooks, ConversationsService, IngestService, OutboundService, DeliveryStatusService, DeliveryReconciliation, ...INBOUND_SINK_PROVIDERS, ...INGEST_PROVIDERS],
  exports: [ChannelRegistry, ConversationHooks, ConversationsService, IngestService, OutboundService, DeliveryStatusService, DeliveryReconciliation, CustomersModule, INBOUND_SINK],
})
export class ConversationsModule {}
