import type { IdentityResolutionService, ResolvedIdentity, Sender } from '@parley/customers';
import { newId } from '@parley/domain';
import { ChannelIdentityEntity, CustomerEntity, isProvenSource, type ConversationEntity, type MessageEntity } from '@parley/persistence';
import { InMemoryIngestStore } from '../ingest/in-memory-ingest';
import type { IngestRepository, IngestUnitOfWork } from '../ports/ingest.repository';

const copy = <T extends object>(row: T | undefined): T | null => (row ? Object.assign(Object.create(Object.getPrototypeOf(row)), row) : null);

/**
 * The one-by-one ingest pipeline's storage in memory, over the same tables as the group commit's
 * InMemoryIngestStore. A transaction that throws leaves the tables as they were, as a rolled back
 * database transaction would; reads hand out copies, as a database does.
 */
export class InMemoryIngestRepository implements IngestRepository {
  constructor(readonly store = new InMemoryIngestStore(), readonly kind: 'postgres' | 'sqlite' = 'sqlite') {}

  async transaction<T>(work: (tx: IngestUnitOfWork) => Promise<T>): Promise<T> {
    const s = this.store;
    const saved = {
      customers: new Map([...s.customers].map(([k, v]) => [k, copy(v)!])),
      identities: new Map([...s.identities].map(([k, v]) => [k, copy(v)!])),
      conversations: new Map([...s.conversations].map(([k, v]) => [k, copy(v)!])),
      messages: s.messages.map((m) => copy(m)!),
      timeline: s.timeline.map((e) => copy(e)!),
    };
    try {
      return await work(this.unitOfWork());
    } catch (err) {
      Object.assign(s, saved);
      throw err;
    }
  }

  private unitOfWork(): IngestUnitOfWork {
    const s = this.store;
    return {
      held: s,
      conversationOrFail: (id) => this.conversationOrFail(id),
      conversationInInbox: async (id, inboxId) => copy([...s.conversations.values()].find((c) => c.id === id && c.inboxId === inboxId)),
      latestConversation: async (customerId, inboxId) => copy([...s.conversations.values()]
        .filter((c) => c.customerId === customerId && c.inboxId === inboxId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]),
      newestConversationIdOf: async (inboxId, ids) => s.messages
        .filter((m) => m.inboxId === inboxId && ids.includes(m.providerMessageId!))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.conversationId ?? null,
      messageByProviderId: (inboxId, providerMessageId) => this.messageByProviderId(inboxId, providerMessageId),
      updateMessage: async (id, changes) => void s.messages.filter((m) => m.id === id).forEach((m) => Object.assign(m, changes)),
      updateTimelineContent: async (messageId, content) => void s.timeline.filter((e) => e.messageId === messageId).forEach((e) => Object.assign(e, { content })),
      write: (plans) => s.write(plans),
      updateSender: async (plan) => s.updateSender(plan),
    };
  }

  async messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null> {
    return copy(this.store.messages.find((m) => m.inboxId === inboxId && m.providerMessageId === providerMessageId));
  }

  async conversationOrFail(id: string): Promise<ConversationEntity> {
    const found = copy(this.store.conversations.get(id));
    if (!found) throw new Error(`Could not find any entity of type "ConversationEntity" matching id ${id}`);
    return found;
  }

  async customer(id: string): Promise<CustomerEntity | null> {
    return copy(this.store.customers.get(id));
  }

  async phoneIdentityOwners(phone: string): Promise<string[]> {
    return [...this.store.identities.values()]
      .filter((i) => ['sms', 'whatsapp'].includes(i.channel) && [phone, `whatsapp:${phone}`].includes(i.externalId))
      .map((i) => i.customerId);
  }

  async provenPhoneOwners(phone: string): Promise<string[]> {
    return [...this.store.customers.values()]
      .filter((c) => c.phone === phone && isProvenSource(c.phoneSource) && !c.mergedIntoId)
      .map((c) => c.id);
  }
}

/**
 * Identity resolution on the in-memory tables: a known (channel, external id) is its customer, a new
 * one gets a customer of its own (no proof-based joining; customers' own specs cover that).
 */
export function inMemoryIdentities(store: InMemoryIngestStore, now = () => new Date()): IdentityResolutionService {
  const resolve = async (_held: object, channel: string, sender: Sender): Promise<ResolvedIdentity> => {
    const known = [...store.identities.values()].find((i) => i.channel === channel && i.externalId === sender.externalId);
    if (known) return { identity: copy(known)!, customer: copy(store.customers.get(known.customerId))!, created: false };
    const at = now();
    const customer = Object.assign(new CustomerEntity(), {
      id: sender.customerId ?? newId(), name: sender.displayName ?? null, email: sender.email ?? null, phone: sender.phone ?? null, phoneSource: null,
      attributes: {}, tags: [], mergedIntoId: null, createdAt: at, updatedAt: at,
    });
    const identity = Object.assign(new ChannelIdentityEntity(), {
      id: newId(), customerId: customer.id, channel, externalId: sender.externalId, displayName: sender.displayName ?? null,
      optedOut: false, unreachable: false, metadata: null, createdAt: at,
    });
    store.customers.set(customer.id, customer);
    store.identities.set(identity.id, identity);
    return { identity: copy(identity)!, customer: copy(customer)!, created: true };
  };
  const find = async (_held: object, channel: string, externalId: string): Promise<ResolvedIdentity | null> => {
    const known = [...store.identities.values()].find((i) => i.channel === channel && i.externalId === externalId);
    return known ? { identity: copy(known)!, customer: copy(store.customers.get(known.customerId))!, created: false } : null;
  };
  return { resolve, find } as unknown as IdentityResolutionService;
}
