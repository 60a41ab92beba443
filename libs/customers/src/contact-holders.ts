import { EntityManager, In, IsNull } from 'typeorm';
import { ChannelIdentityEntity, CustomerEntity, isProvenSource } from '@parley/persistence';

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
export async function contactHolders(em: EntityManager, contact: { email?: string | null; phone?: string | null }): Promise<ContactHolder[]> {
  const holders = new Map<string, ContactHolder>();
  const add = async (customerId: string, held: { email?: string; phone?: string }, proven: boolean) => {
    const customer = await liveCustomer(em, customerId);
    if (!customer) return;
    const prev = holders.get(customer.id);
    holders.set(customer.id, { customer, ...prev, ...held, proven: proven || !!prev?.proven });
  };
  const email = contact.email?.trim().toLowerCase();
  if (email) {
    const records = await em.findBy(CustomerEntity, { email, mergedIntoId: IsNull() });
    for (const c of records) await add(c.id, { email: c.email! }, isProvenSource(c.emailSource));
    const senders = await em.createQueryBuilder(ChannelIdentityEntity, 'i').where(`i.channel = 'email' AND LOWER(i.externalId) = :email`, { email }).getMany();
    for (const i of senders) await add(i.customerId, { email: i.externalId }, true);
  }
  if (contact.phone) {
    const records = await em.findBy(CustomerEntity, { phone: contact.phone, mergedIntoId: IsNull() });
    for (const c of records) await add(c.id, { phone: c.phone! }, isProvenSource(c.phoneSource));
    const numbers = await em.findBy(ChannelIdentityEntity, { channel: In(['sms', 'whatsapp', 'viber']), externalId: In([contact.phone, `whatsapp:${contact.phone}`]) });
    for (const i of numbers) await add(i.customerId, { phone: i.externalId.replace(/^whatsapp:/, '') }, true);
  }
  // The oldest first: when several hold it, the longest-known record is the one to join.
  return [...holders.values()].sort((a, b) => a.customer.createdAt.getTime() - b.customer.createdAt.getTime());
}

/** Follows merge pointers, so an address that moved still names the surviving customer. */
export async function liveCustomer(em: EntityManager, id: string): Promise<CustomerEntity | null> {
  let customer = await em.findOneBy(CustomerEntity, { id });
  for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await em.findOneBy(CustomerEntity, { id: customer.mergedIntoId });
  return customer && !customer.mergedIntoId ? customer : null;
}
