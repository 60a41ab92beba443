import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, MergeEvidence } from '@parley/contracts';
import { newId, phoneRegion, toE164 } from '@parley/domain';
import { ChannelIdentityEntity, CustomerEntity } from '@parley/persistence';
import { ContactHolder, contactHolders } from './contact-holders';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { CUSTOMER_REPOSITORY, type CustomerRepository, type CustomerUnitOfWork } from './ports/customer.repository';

export interface Sender {
  externalId: string;
  displayName?: string | null;
  email?: string | null;
  phone?: string | null;
  /** The id a new customer takes, when the channel announced one before the first message (web chat). */
  customerId?: string;
}

export interface ResolvedIdentity {
  customer: CustomerEntity;
  identity: ChannelIdentityEntity;
  created: boolean;
}

/**
 * Channels whose identity key is an E.164 number the provider vouches for (Twilio's From): the same
 * number on two of them is one person, so SMS and WhatsApp land on one customer and one timeline.
 */
const PHONE_CHANNELS: Channel[] = ['sms', 'whatsapp'];

/** The email and E.164 phone the channel itself vouches for (an email sender, an SMS number). */
function contactOf(channel: Channel, sender: Sender): SenderContact {
  const email = sender.email?.trim().toLowerCase() || null;
  const phone = toE164(sender.phone ?? (PHONE_CHANNELS.includes(channel) ? sender.externalId : null), phoneRegion());
  return { email, phone };
}

interface SenderContact {
  email: string | null;
  phone: string | null;
}

/**
 * (channel, external id) → the one customer behind it, created on first contact. A new sender
 * joins an existing customer only on proof: the same number on another phone channel, or an
 * email/phone that customer holds from a channel, an agent or a verification. Weaker likeness
 * (an address a visitor typed, the same name elsewhere) becomes a merge suggestion.
 */
@Injectable()
export class IdentityResolutionService {
  constructor(
    @Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository,
    private readonly suggestions: MergeSuggestionsService,
  ) {}

  /** Resolves inside the caller's transaction (ingest's, the web chat gateway's). */
  resolve(em: EntityManager, channel: Channel, sender: Sender): Promise<ResolvedIdentity> {
    return this.resolveIn(this.repo.join(em), channel, sender);
  }

  /** The identity and its (live) customer, when this sender is known; never creates anything. */
  find(em: EntityManager, channel: Channel, externalId: string): Promise<ResolvedIdentity | null> {
    return this.findIn(this.repo.join(em), channel, externalId);
  }

  async resolveIn(tx: CustomerUnitOfWork, channel: Channel, sender: Sender): Promise<ResolvedIdentity> {
    const existing = await this.findIn(tx, channel, sender.externalId);
    if (existing) return existing;

    const now = new Date();
    const contact = contactOf(channel, sender);
    const samePhone = await this.samePhoneIdentity(tx, channel, sender.externalId);
    const holders = contact.email || contact.phone ? await contactHolders(tx, contact) : [];
    const known = (samePhone ? await this.liveCustomer(tx, samePhone) : null) ?? holders.find((h) => h.proven)?.customer ?? null;
    const customer = known ?? Object.assign(new CustomerEntity(), {
      id: sender.customerId ?? newId(),
      name: sender.displayName?.trim() || null,
      email: contact.email,
      emailSource: contact.email ? 'channel' as const : null,
      phone: contact.phone,
      phoneSource: contact.phone ? 'channel' as const : null,
      attributes: {},
      tags: [],
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    });
    const identity = Object.assign(new ChannelIdentityEntity(), {
      id: newId(),
      customerId: customer.id,
      channel,
      externalId: sender.externalId,
      displayName: sender.displayName?.trim() || null,
      optedOut: false,
      createdAt: now,
    });
    if (!known) await tx.insertCustomer(customer);
    // Two first messages from one sender can race: the unique key lets one identity win and the
    // loser's customer row goes away inside the same transaction.
    await tx.insertIdentityUnlessTaken(identity);
    const winner = await tx.identity(channel, sender.externalId);
    if (!winner) throw new Error(`Identity ${channel}:${sender.externalId} not found after insert`);
    if (winner.id !== identity.id) {
      if (!known) await tx.deleteCustomer(customer.id);
      return { identity: winner, customer: await this.liveCustomer(tx, winner), created: false };
    }
    if (!known) await this.suggestFor(tx, customer, channel, holders);
    return { identity, customer, created: !known };
  }

  /**
   * A new customer who looks like existing ones: those holding their address without proof (a
   * visitor typed it) and those with the same full name on another channel.
   */
  private async suggestFor(tx: CustomerUnitOfWork, customer: CustomerEntity, channel: Channel, holders: ContactHolder[]): Promise<void> {
    for (const holder of holders) {
      const evidence: MergeEvidence[] = [];
      if (holder.email) evidence.push({ kind: holder.customer.emailSource === 'prechat' ? 'prechat_email' : 'same_email', values: [holder.email, customer.email!] });
      if (holder.phone) evidence.push({ kind: holder.customer.phoneSource === 'prechat' ? 'prechat_phone' : 'same_phone', values: [holder.phone, customer.phone!] });
      await this.suggestions.suggest(tx, holder.customer.id, customer.id, evidence);
    }
    await this.suggestions.suggestNamesakes(tx, customer, channel);
  }

  async findIn(tx: CustomerUnitOfWork, channel: Channel, externalId: string): Promise<ResolvedIdentity | null> {
    const existing = await tx.identityWithCustomer(channel, externalId);
    if (!existing) return null;
    const { customer, identity } = existing;
    const live = customer && !customer.mergedIntoId ? customer : await this.liveCustomer(tx, identity);
    return { identity, customer: live, created: false };
  }

  /** The identity the same phone number already has on another phone channel, if any. */
  private async samePhoneIdentity(tx: CustomerUnitOfWork, channel: Channel, externalId: string): Promise<ChannelIdentityEntity | null> {
    if (!PHONE_CHANNELS.includes(channel) || !externalId.startsWith('+')) return null;
    return tx.firstIdentityOn(PHONE_CHANNELS.filter((c) => c !== channel), externalId);
  }

  /** Follows merge pointers, so an identity that moved still lands on the surviving customer. */
  private async liveCustomer(tx: CustomerUnitOfWork, identity: ChannelIdentityEntity): Promise<CustomerEntity> {
    const load = async (id: string) => {
      const customer = await tx.customer(id);
      if (!customer) throw new Error(`Customer ${id} not found`);
      return customer;
    };
    let customer = await load(identity.customerId);
    for (let hops = 0; customer.mergedIntoId && hops < 10; hops++) customer = await load(customer.mergedIntoId);
    return customer;
  }
}
