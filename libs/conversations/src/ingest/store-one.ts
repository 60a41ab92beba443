import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { chooseConversation, newId, planInbound, senderUpdates, threadedConversationId, threadKeysToLookUp } from '@parley/domain';
import { ConversationEntity, CustomerEntity, isUniqueViolation, MessageEntity, TimelineEventEntity, withTransaction } from '@parley/persistence';
import type { IdentityResolutionService } from '@parley/customers';
import type { ConversationHooks, InboundClaim } from '../conversation-hooks';
import { writtenEntities } from './ingest-result';
import type { TypeormIngestWriter } from './ingest-writer';

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
 * or opens → planInbound → the TypeORM writer, all in one transaction.
 */
export class StoreOne {
  constructor(
    private readonly db: DataSource,
    private readonly identities: IdentityResolutionService,
    private readonly hooks: ConversationHooks,
    private readonly writer: TypeormIngestWriter,
  ) {}

  /**
   * Stores the message, or finds it stored already. The unique (inbox, provider message id) index
   * is the idempotency check: the common case, a new message, costs no lookup, and two deliveries
   * of one message racing each other still store it once.
   */
  async storeOnce(inbound: InboundMessage): Promise<StoredOne> {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await withTransaction(this.db, (em) => this.store(em, inbound));
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
    const message = await this.db.getRepository(MessageEntity).findOne({ where: { inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId } });
    if (!message) return null;
    const conversation = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
    return { message, conversation, customer: null, opened: false, resumed: false, timeline: null, claim: null, duplicate: true };
  }

  private async store(em: EntityManager, inbound: InboundMessage): Promise<Omit<StoredOne, 'duplicate'>> {
    const now = inbound.occurredAt ?? new Date();
    const { customer, identity } = await this.identities.resolve(em, inbound.channel, inbound.sender);
    // The claim is asked with the name the message may fill in (the message is signed with it).
    const customerName = senderUpdates(inbound, customer, identity).customer?.name ?? customer.name;
    const claim = await this.hooks.claimInbound(em, { inbound, customerId: customer.id, customerName });
    const conversation = claim
      ? await em.findOneByOrFail(ConversationEntity, { id: claim.conversationId })
      : await this.pickConversation(em, inbound, customer.id);
    const plan = planInbound({ inbound, customer, identity, conversation, claim, now, newId });
    await this.writer.writeIn(em, [plan]);
    if (plan.identityUpdate) Object.assign(identity, plan.identityUpdate.set);
    const written = writtenEntities(plan, conversation, customer);
    return { ...written, opened: plan.opened, resumed: plan.resumed, claim };
  }

  /** The conversation this message continues (see chooseConversation): the threaded one is looked up first. */
  async pickConversation(em: EntityManager, inbound: InboundMessage, customerId: string): Promise<ConversationEntity | null> {
    const threaded = await this.threadedConversation(em, inbound);
    if (threaded) return chooseConversation(threaded, null);
    const latest = await em.findOne(ConversationEntity, { where: { customerId, inboxId: inbound.inboxId }, order: { createdAt: 'DESC' } });
    return chooseConversation(null, latest);
  }

  /** A reply to a known provider message joins that message's conversation, even a resolved one. */
  private async threadedConversation(em: EntityManager, inbound: InboundMessage): Promise<ConversationEntity | null> {
    const keys = threadKeysToLookUp(inbound);
    const earlier = keys.length === 0 ? null : await em.findOne(MessageEntity, {
      select: { conversationId: true },
      where: { inboxId: inbound.inboxId, providerMessageId: In(keys) },
      order: { createdAt: 'DESC' },
    });
    const id = threadedConversationId(earlier?.conversationId, inbound);
    if (!id) return null;
    return em.findOneBy(ConversationEntity, { id, inboxId: inbound.inboxId });
  }
}
