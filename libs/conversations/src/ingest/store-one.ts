import { Inject, Injectable } from '@nestjs/common';
import type { InboundMessage } from '@parley/channels-core';
import { chooseConversation, newId, planInbound, senderUpdates, threadedConversationId, threadKeysToLookUp } from '@parley/domain';
import { isUniqueViolation, type ConversationEntity, type CustomerEntity, type MessageEntity, type TimelineEventEntity } from '@parley/persistence';
import { IdentityResolutionService } from '@parley/customers';
import { ConversationHooks, type InboundClaim } from '../conversation-hooks';
import { INGEST_REPOSITORY, type IngestRepository, type IngestUnitOfWork } from '../ports/ingest.repository';
import { writtenEntities } from './ingest-result';

/** Identity resolution and the hooks take the held transaction as TypeORM's EntityManager, opaque here. */
type Joined = Parameters<IdentityResolutionService['resolve']>[0];

export interface StoredOne {
  message: MessageEntity;
  conversation: ConversationEntity;
  customer: CustomerEntity | null;
  timeline: TimelineEventEntity | null;
  opened: boolean;
  resumed: boolean;
  claim: InboundClaim | null;
  duplicate: boolean;
}

/**
 * The transactional pipeline for one message (any message, on either database): identity
 * resolution (creating the customer when new) → a claim by a hook → the conversation it continues
 * or opens → planInbound → the plan's rows, all in one transaction of the IngestRepository.
 */
@Injectable()
export class StoreOne {
  constructor(
    @Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository,
    private readonly identities: IdentityResolutionService,
    private readonly hooks: ConversationHooks,
  ) {}

  /**
   * Stores the message, or finds it stored already. The unique (inbox, provider message id) index
   * is the idempotency check: the common case, a new message, costs no lookup, and two deliveries
   * of one message racing each other still store it once.
   */
  async storeOnce(inbound: InboundMessage): Promise<StoredOne> {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.repo.transaction((tx) => this.store(tx, inbound));
        return { ...stored, duplicate: false };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const existing = await this.findExisting(inbound);
        if (existing) return existing;
        // Not this message but its sender: two first messages of one new web chat visitor (both
        // creating the customer under its announced id) on two nodes. The winner's rows are
        // committed now, so a second try finds them.
        if (attempt > 1) throw err;
      }
    }
  }

  private async findExisting(inbound: InboundMessage): Promise<StoredOne | null> {
    const message = await this.repo.messageByProviderId(inbound.inboxId, inbound.providerMessageId);
    if (!message) return null;
    const conversation = await this.repo.conversationOrFail(message.conversationId);
    return { message, conversation, customer: null, opened: false, resumed: false, timeline: null, claim: null, duplicate: true };
  }

  private async store(tx: IngestUnitOfWork, inbound: InboundMessage): Promise<Omit<StoredOne, 'duplicate'>> {
    const now = inbound.occurredAt ?? new Date();
    const em = tx.held as Joined;
    const { customer, identity } = await this.identities.resolve(em, inbound.channel, inbound.sender);
    // The claim is asked with the name the message may fill in (the message is signed with it).
    const customerName = senderUpdates(inbound, customer, identity).customer?.name ?? customer.name;
    // A message the page sent from elsewhere is nobody's answer to a survey.
    const claim = inbound.sentElsewhere ? null : await this.hooks.claimInbound(em, { inbound, customerId: customer.id, customerName });
    const conversation = claim
      ? await tx.conversationOrFail(claim.conversationId)
      : await this.pickConversation(tx, inbound, customer.id);
    const plan = planInbound({ inbound, customer, identity, conversation, claim, now, newId });
    await tx.write([plan]);
    if (plan.identityUpdate) Object.assign(identity, plan.identityUpdate.set);
    const written = writtenEntities(plan, conversation, customer);
    return { ...written, opened: plan.opened, resumed: plan.resumed, claim };
  }

  /** The conversation this message continues (see chooseConversation): the threaded one is looked up first. */
  async pickConversation(tx: IngestUnitOfWork, inbound: InboundMessage, customerId: string): Promise<ConversationEntity | null> {
    // The business wrote in the conversation it is having, whatever its state; it never starts one over.
    if (inbound.sentElsewhere) return tx.latestConversation(customerId, inbound.inboxId);
    const threaded = await this.threadedConversation(tx, inbound);
    if (threaded) return chooseConversation(threaded, null);
    const latest = await tx.latestConversation(customerId, inbound.inboxId);
    return chooseConversation(null, latest);
  }

  /** A reply to a known provider message joins that message's conversation, even a resolved one. */
  private async threadedConversation(tx: IngestUnitOfWork, inbound: InboundMessage): Promise<ConversationEntity | null> {
    const keys = threadKeysToLookUp(inbound);
    const earlier = keys.length === 0 ? null : await tx.newestConversationIdOf(inbound.inboxId, keys);
    const id = threadedConversationId(earlier ?? undefined, inbound);
    if (!id) return null;
    return tx.conversationInInbox(id, inbound.inboxId);
  }
}
