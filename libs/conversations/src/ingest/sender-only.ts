import { Inject, Injectable } from '@nestjs/common';
import type { InboundMessage } from '@parley/channels-core';
import { introducesSender, planSenderUpdate } from '@parley/domain';
import { isUniqueViolation } from '@parley/persistence';
import { IdentityResolutionService } from '@parley/customers';
import { INGEST_REPOSITORY, type IngestRepository } from '../ports/ingest.repository';
import type { SenderUpdated } from './ingest-result';

/** Identity resolution joins the held transaction as TypeORM's EntityManager, opaque here. */
type Joined = Parameters<IdentityResolutionService['resolve']>[0];

/**
 * An identity-only update (`InboundMessage.identityOnly`: a Viber subscription, an unsubscription,
 * the deep link a chat was opened with): the sender's identity and customer change in one
 * transaction, and nothing else is written — no message, no conversation, no timeline event.
 * Applying it again changes nothing (only what differs is written), so a provider's retry is harmless.
 */
@Injectable()
export class SenderOnly {
  constructor(
    @Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository,
    private readonly identities: IdentityResolutionService,
  ) {}

  async apply(inbound: InboundMessage): Promise<SenderUpdated> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.repo.transaction((tx) => this.applyIn(tx.held as Joined, inbound, (plan) => tx.updateSender(plan)));
      } catch (err) {
        // Two first events of one new sender on two nodes both created the customer: the winner's
        // rows are committed now, and the second try finds them.
        if (!isUniqueViolation(err) || attempt > 1) throw err;
      }
    }
  }

  private async applyIn(em: Joined, inbound: InboundMessage, write: (plan: ReturnType<typeof planSenderUpdate>) => Promise<void>): Promise<SenderUpdated> {
    const found = introducesSender(inbound)
      ? await this.identities.resolve(em, inbound.channel, inbound.sender)
      : await this.identities.find(em, inbound.channel, inbound.sender.externalId);
    if (!found) return { identityOnly: true, customerId: null, changed: false, duplicate: false };
    const plan = planSenderUpdate({ inbound, customer: found.customer, identity: found.identity, now: inbound.occurredAt ?? new Date() });
    if (plan.identityUpdate || plan.customerUpdate) await write(plan);
    const changed = found.created || !!plan.identityUpdate || !!plan.customerUpdate;
    return { identityOnly: true, customerId: found.customer.id, changed, duplicate: !changed };
  }
}
