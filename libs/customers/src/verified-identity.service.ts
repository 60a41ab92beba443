import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId } from '@parley/domain';
import { ChannelIdentityEntity, CustomerEntity, isProvenSource } from '@parley/persistence';
import { contactHolders } from './contact-holders';
import { CustomerMergeService } from './customer-merge.service';
import { IdentityResolutionService } from './identity-resolution.service';
import { CUSTOMER_REPOSITORY, type CustomerRepository, type CustomerUnitOfWork } from './ports/customer.repository';

export interface VerifiedVisitor {
  /** The web chat identity of this browser (the visitor token's id). */
  visitorId: string;
  /** The id the visitor's customer has, or will be created under. */
  visitorCustomerId: string;
  /** The identifier the site signed (checked by the caller). */
  identifier: string;
  name?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The web chat identity a verified site user keeps across browsers and sessions. */
export const verifiedUserKey = (identifier: string): string => `user:${identifier}`;

/**
 * Links a web chat visitor whose site signed their identifier to the one customer behind it: the
 * customer who verified that identifier before, else (when the identifier is an email address) the
 * customer who provably holds that address, else the visitor's own customer, now verified. Only an
 * email that IS the signed identifier counts: an unsigned one riding along could be anyone's.
 */
@Injectable()
export class VerifiedIdentityService {
  private readonly logger = new Logger(VerifiedIdentityService.name);

  constructor(
    @Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository,
    private readonly identities: IdentityResolutionService,
    private readonly merges: CustomerMergeService,
  ) {}

  /** The visitor's customer after linking, and whether it changed (the widget then reloads history). */
  async link(visitor: VerifiedVisitor): Promise<{ customerId: string; changed: boolean }> {
    const email = EMAIL.test(visitor.identifier) ? visitor.identifier.trim().toLowerCase() : null;
    const plan = await this.repo.transaction(async (tx) => {
      const userKey = verifiedUserKey(visitor.identifier);
      const byUser = await this.identities.findIn(tx, 'webchat', userKey);
      const byEmail = !byUser && email ? (await contactHolders(tx, { email })).find((h) => h.proven)?.customer ?? null : null;
      const current = await this.identities.findIn(tx, 'webchat', visitor.visitorId);
      const target = byUser?.customer ?? byEmail ?? current?.customer
        ?? (await this.identities.resolveIn(tx, 'webchat', { externalId: visitor.visitorId, customerId: visitor.visitorCustomerId })).customer;
      if (!current && target.id !== visitor.visitorCustomerId) await this.addIdentity(tx, target.id, visitor.visitorId, null);
      if (!byUser) await this.addIdentity(tx, target.id, userKey, visitor.name ?? null);
      await this.fillVerified(tx, target, email, visitor.name);
      // The visitor chatted anonymously before logging in: that history is provably theirs too.
      const absorb = current && current.customer.id !== target.id ? current.customer.id : null;
      return { target: target.id, absorb, changed: absorb !== null || (!current && target.id !== visitor.visitorCustomerId) };
    });
    if (plan.absorb) await this.merges.merge(plan.target, plan.absorb, 'website identity verification');
    if (plan.changed) this.logger.log({ event: 'webchat.identity_verified', customerId: plan.target, mergedCustomerId: plan.absorb }, 'web chat visitor linked by verified identity');
    return { customerId: plan.target, changed: plan.changed };
  }

  private async addIdentity(tx: CustomerUnitOfWork, customerId: string, externalId: string, displayName: string | null): Promise<void> {
    await tx.insertIdentityUnlessTaken(Object.assign(new ChannelIdentityEntity(), {
      id: newId(), customerId, channel: 'webchat' as const, externalId, displayName, optedOut: false, createdAt: new Date(),
    }));
  }

  /** The verified email fills a blank (or proves the same address typed before); a name fills a blank. */
  private async fillVerified(tx: CustomerUnitOfWork, customer: CustomerEntity, email: string | null, name: string | undefined): Promise<void> {
    const changes: Partial<CustomerEntity> = {};
    if (email && (!customer.email || (customer.email.toLowerCase() === email && !isProvenSource(customer.emailSource)))) {
      changes.email = email;
      changes.emailSource = 'verified';
    }
    if (name && !customer.name) changes.name = name;
    if (Object.keys(changes).length) await tx.updateCustomer(customer.id, { ...changes, updatedAt: new Date() });
  }
}
