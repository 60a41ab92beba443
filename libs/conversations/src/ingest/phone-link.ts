import { In, IsNull, type DataSource } from 'typeorm';
import { ChannelIdentityEntity, CustomerEntity, PROVEN_SOURCES } from '@parley/persistence';
import type { CustomersService } from '@parley/customers';
import type { ConversationsService } from '../conversations.service';
import type { IngestResult } from './ingest-result';

/**
 * The sender proved a phone number: the customer who already has it (an SMS or WhatsApp identity,
 * or the phone on their record) absorbs this one, so both histories become one customer.
 */
export class PhoneLink {
  constructor(private readonly db: DataSource, private readonly customers: CustomersService, private readonly conversations: ConversationsService) {}

  async link(result: IngestResult, phone: string, channel: string): Promise<IngestResult> {
    const current = result.conversation.customerId;
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({
      select: { customerId: true },
      where: { channel: In(['sms', 'whatsapp']), externalId: In([phone, `whatsapp:${phone}`]) },
    });
    // A phone a visitor typed proves nothing: only one an agent, a verification or a channel recorded.
    const owners = await this.db.getRepository(CustomerEntity).find({ select: { id: true }, where: { phone, phoneSource: In([...PROVEN_SOURCES]), mergedIntoId: IsNull() } });
    const candidates = new Map<string, CustomerEntity>();
    for (const id of new Set([...identities.map((i) => i.customerId), ...owners.map((c) => c.id)])) {
      let customer = await this.db.getRepository(CustomerEntity).findOneBy({ id });
      for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: customer.mergedIntoId });
      if (customer && !customer.mergedIntoId && customer.id !== current) candidates.set(customer.id, customer);
    }
    const target = [...candidates.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    if (!target) return result;
    await this.customers.merge(target.id, current, `${phone} (${channel})`);
    await this.conversations.announceCustomerChange(target.id);
    return { ...result, message: { ...result.message, customerId: target.id }, conversation: await this.conversations.get(result.conversation.id) };
  }
}
