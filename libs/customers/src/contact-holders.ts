import type { CustomerEntity } from '@parley/persistence';
import { isProvenSource } from '@parley/persistence';
import type { CustomerUnitOfWork } from './ports/customer.repository';

export interface ContactHolder {
  /** The live customer (merge pointers followed). */
  customer: CustomerEntity;
  /** The email or phone as this customer holds it, when they hold it. */
  email?: string;
  phone?: string;
  /** Whether the holder's claim is proof: a channel identity, or a record entered by an agent or verified. */
  proven: boolean;
}

/**
 * The live customers who hold this email or (E.164) phone: on their record, or as a channel
 * identity (an email sender, an SMS or WhatsApp number), which is proof by itself.
 */
export async function contactHolders(tx: CustomerUnitOfWork, contact: { email?: string | null; phone?: string | null }): Promise<ContactHolder[]> {
  const holders = new Map<string, ContactHolder>();
  const add = async (customerId: string, held: { email?: string; phone?: string }, proven: boolean) => {
    const customer = await liveCustomer(tx, customerId);
    if (!customer) return;
    const prev = holders.get(customer.id);
    holders.set(customer.id, { customer, ...prev, ...held, proven: proven || !!prev?.proven });
  };
  const email = contact.email?.trim().toLowerCase();
  if (email) {
    for (const c of await tx.customersWithEmail(email)) await add(c.id, { email: c.email! }, isProvenSource(c.emailSource));
    for (const i of await tx.emailSenders(email)) await add(i.customerId, { email: i.externalId }, true);
  }
  if (contact.phone) {
    for (const c of await tx.customersWithPhone(contact.phone)) await add(c.id, { phone: c.phone! }, isProvenSource(c.phoneSource));
    for (const i of await tx.phoneIdentities(contact.phone)) await add(i.customerId, { phone: i.externalId.replace(/^whatsapp:/, '') }, true);
  }
  // The oldest first: when several hold it, the longest-known record is the one to join.
  return [...holders.values()].sort((a, b) => a.customer.createdAt.getTime() - b.customer.createdAt.getTime());
}

/** Follows merge pointers, so an address that moved still names the surviving customer. */
export async function liveCustomer(tx: CustomerUnitOfWork, id: string): Promise<CustomerEntity | null> {
  let customer = await tx.customer(id);
  for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await tx.customer(customer.mergedIntoId);
  return customer && !customer.mergedIntoId ? customer : null;
}
