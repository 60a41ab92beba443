import type { RealtimePublisher } from '@parley/channels-core';
import type { Channel } from '@parley/contracts';
import { ChannelIdentityEntity, CustomerEntity } from '@parley/persistence';
import type { InMemoryCustomerRepository } from './in-memory-customer.repository';

let seq = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 9, minute));

/** A stored customer; ids and creation times increase in the order customers are made. */
export function addCustomer(repo: InMemoryCustomerRepository, fields: Partial<CustomerEntity> = {}): CustomerEntity {
  const n = ++seq;
  const customer = Object.assign(new CustomerEntity(), {
    id: `c${String(n).padStart(4, '0')}`, name: null, email: null, emailSource: null, phone: null, phoneSource: null,
    attributes: {}, tags: [], mergedIntoId: null, createdAt: at(n), updatedAt: at(n), ...fields,
  });
  repo.state.customers.set(customer.id, customer);
  return customer;
}

export function addIdentity(repo: InMemoryCustomerRepository, customerId: string, channel: Channel, externalId: string): ChannelIdentityEntity {
  const n = ++seq;
  const identity = Object.assign(new ChannelIdentityEntity(), {
    id: `i${String(n).padStart(4, '0')}`, customerId, channel, externalId, displayName: null, optedOut: false, createdAt: at(n),
  });
  repo.state.identities.push(identity);
  return identity;
}

/** What agents were told, in order. */
export function recordingRealtime(): RealtimePublisher & { events: { event: string; payload: unknown }[] } {
  const events: { event: string; payload: unknown }[] = [];
  return { events, toAgents: (event, payload) => void events.push({ event, payload }), toAgent: () => undefined, toWidgetRoom: () => undefined };
}
