import { Inject, Injectable } from '@nestjs/common';
import type { CustomerEntity } from '@parley/persistence';
import { CustomersService } from '@parley/customers';
import { ConversationsService } from '../conversations.service';
import { INGEST_REPOSITORY, type IngestRepository } from '../ports/ingest.repository';
import type { IngestResult } from './ingest-result';

/**
 * The sender proved a phone number: the customer who already has it (an SMS or WhatsApp identity,
 * or the phone on their record) absorbs this one, so both histories become one customer.
 */
@Injectable()
export class PhoneLink {
  constructor(
    @Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository,
    private readonly customers: CustomersService,
    private readonly conversations: ConversationsService,
  ) {}

  async link(result: IngestResult, phone: string, channel: string): Promise<IngestResult> {
    const current = result.conversation.customerId;
    const identities = await this.repo.phoneIdentityOwners(phone);
    // A phone a visitor typed proves nothing: only one an agent, a verification or a channel recorded.
    const owners = await this.repo.provenPhoneOwners(phone);
    const candidates = new Map<string, CustomerEntity>();
    for (const id of new Set([...identities, ...owners])) {
      let customer = await this.repo.customer(id);
      for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await this.repo.customer(customer.mergedIntoId);
      if (customer && !customer.mergedIntoId && customer.id !== current) candidates.set(customer.id, customer);
    }
    const target = [...candidates.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    if (!target) return result;
    await this.customers.merge(target.id, current, `${phone} (${channel})`);
    await this.conversations.announceCustomerChange(target.id);
    return { ...result, message: { ...result.message, customerId: target.id }, conversation: await this.conversations.get(result.conversation.id) };
  }
}
