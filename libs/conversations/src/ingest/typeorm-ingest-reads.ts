import type { DataSource } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity } from '@parley/persistence';
import type { ConversationHooks, InboundClaimContext } from '../conversation-hooks';
import type { IngestReads, KnownSender } from './ingest-reads';

/** TypeORM, both databases: one lookup per message. */
export class TypeormIngestReads implements IngestReads {
  constructor(private readonly db: DataSource, private readonly hooks: ConversationHooks) {}

  async knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]> {
    return Promise.all(items.map(async (inbound) => {
      const identity = await this.db.manager.findOneBy(ChannelIdentityEntity, { channel: inbound.channel, externalId: inbound.sender.externalId });
      const customer = identity && await this.db.manager.findOneBy(CustomerEntity, { id: identity.customerId });
      if (!identity || !customer || customer.mergedIntoId) return null;
      const conversation = await this.db.manager.findOne(ConversationEntity, { where: { customerId: customer.id, inboxId: inbound.inboxId }, order: { createdAt: 'DESC' } });
      return { identity, customer, conversation };
    }));
  }

  mayClaim(items: InboundClaimContext[]): Promise<boolean[]> {
    return this.hooks.mayClaimMany(this.db.manager, items);
  }
}
