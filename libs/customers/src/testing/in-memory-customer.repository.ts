import type { Channel } from '@parley/contracts';
import { type CustomerFilter, foldForSearch } from '@parley/domain';
import type {
  ChannelIdentityEntity, CustomerEntity, CustomerMergeEntity, Keyset, MergeSuggestionEntity, TimelineEventEntity,
} from '@parley/persistence';
import type { DirectoryKey } from '../customer-directory';
import type { CustomerListing, CustomerListRow, CustomerQuery, CustomerRepository, CustomerUnitOfWork, HeldTransaction } from '../ports/customer.repository';
import { timelineRow } from '../timeline.service';

/** A conversation or message as far as customers care: whose it is. */
export interface OwnedRow { id: string; customerId: string; conversationId?: string; inboxId?: string; createdAt?: Date; lastMessageAt?: Date }

interface State {
  customers: Map<string, CustomerEntity>;
  identities: ChannelIdentityEntity[];
  conversations: OwnedRow[];
  messages: OwnedRow[];
  timelineEvents: TimelineEventEntity[];
  merges: Map<string, CustomerMergeEntity>;
  suggestions: Map<string, MergeSuggestionEntity>;
}

const copy = <T>(row: T): T => ({ ...row });
const newer = (a: { at: Date; id: string }, b: { at: Date; id: string }) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const before = (row: { at: Date; id: string }, k: Keyset | null) => !k || row.at < k.at || (row.at.getTime() === k.at.getTime() && row.id < k.id);
const like = (value: string | null | undefined, text: string) => !!value && foldForSearch(value).includes(text);

/**
 * Customers' storage in memory, for unit specs. A transaction that throws leaves the rows as they
 * were and runs none of its after-commit work, as a rolled back database transaction would.
 */
export class InMemoryCustomerRepository implements CustomerRepository {
  state: State = { customers: new Map(), identities: [], conversations: [], messages: [], timelineEvents: [], merges: new Map(), suggestions: new Map() };
  /** The phone region of each customer's latest inbox. */
  phoneRegions = new Map<string, string>();
  private seq = 0;

  get customersById() { return this.state.customers; }
  get identities() { return this.state.identities; }
  get timelineEvents() { return this.state.timelineEvents; }
  get suggestions() { return [...this.state.suggestions.values()]; }

  async transaction<T>(work: (tx: CustomerUnitOfWork) => Promise<T>): Promise<T> {
    const saved = structuredClone(this.state);
    const committed: (() => Promise<void>)[] = [];
    try {
      const result = await work(this.unitOfWork((w) => committed.push(w)));
      for (const w of committed) await w();
      return result;
    } catch (err) {
      this.state = saved;
      throw err;
    }
  }

  join(_held: HeldTransaction): CustomerUnitOfWork {
    return this.unitOfWork((w) => void w());
  }

  private unitOfWork(afterCommit: CustomerUnitOfWork['afterCommit']): CustomerUnitOfWork {
    const s = () => this.state;
    return {
      customer: (id) => this.customer(id),
      lockCustomers: async (ids) => (await this.customers(ids)).sort((a, b) => (a.id < b.id ? -1 : 1)),
      insertCustomer: async (row) => {
        if (s().customers.has(row.id)) throw Object.assign(new Error('duplicate customer id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
        s().customers.set(row.id, copy(row));
      },
      updateCustomer: (id, changes) => this.updateCustomer(id, changes),
      deleteCustomer: async (id) => void s().customers.delete(id),
      mergeFieldsInto: async (targetId, sourceId) => {
        const target = s().customers.get(targetId)!;
        const source = s().customers.get(sourceId)!;
        const tags = [...(target.tags ?? []), ...(source.tags ?? []).filter((t) => !(target.tags ?? []).includes(t))];
        Object.assign(target, { attributes: { ...(source.attributes ?? {}), ...(target.attributes ?? {}) }, tags, updatedAt: new Date() });
      },
      customersWithEmail: async (email) => this.live().filter((c) => c.email === email).map(copy),
      customersWithPhone: async (phone) => this.live().filter((c) => c.phone === phone).map(copy),
      emailSenders: async (email) => s().identities.filter((i) => i.channel === 'email' && i.externalId.toLowerCase() === email).map(copy),
      phoneIdentities: async (phone) => s().identities
        .filter((i) => ['sms', 'whatsapp', 'viber'].includes(i.channel) && [phone, `whatsapp:${phone}`].includes(i.externalId)).map(copy),
      identity: async (channel, externalId) => this.identityRow(channel, externalId),
      identityWithCustomer: async (channel, externalId) => {
        const identity = this.identityRow(channel, externalId);
        return identity && { identity, customer: await this.customer(identity.customerId) };
      },
      firstIdentityOn: async (channels, externalId) => {
        const found = s().identities.filter((i) => channels.includes(i.channel) && i.externalId === externalId)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
        return found ? copy(found) : null;
      },
      insertIdentityUnlessTaken: async (row) => {
        if (!this.identityRow(row.channel, row.externalId)) s().identities.push(copy(row));
      },
      channelsOf: (customerId) => this.channelsOf(customerId),
      namesakes: async (key, exceptId, limit) => this.live()
        .filter((c) => c.id !== exceptId && c.name !== null && foldForSearch(c.name) === key)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).slice(0, limit).map(copy),
      suggestion: async (a, b) => {
        const found = [...s().suggestions.values()].find((x) => x.customerAId === a && x.customerBId === b);
        return found ? copy(found) : null;
      },
      updateSuggestionEvidence: async (id, evidence) => void Object.assign(s().suggestions.get(id)!, { evidence }),
      insertSuggestionUnlessTaken: async (row) => {
        if (![...s().suggestions.values()].some((x) => x.customerAId === row.customerAId && x.customerBId === row.customerBId)) s().suggestions.set(row.id, copy(row));
      },
      settleSuggestion: async (a, b) => {
        for (const x of s().suggestions.values()) if (x.customerAId === a && x.customerBId === b && x.status === 'open') x.status = 'merged';
      },
      ownedBy: async (sourceId) => {
        const conversationIds = s().conversations.filter((c) => c.customerId === sourceId).map((c) => c.id);
        return {
          identityIds: s().identities.filter((i) => i.customerId === sourceId).map((i) => i.id),
          conversationIds,
          timelineEventIds: s().timelineEvents
            .filter((e) => e.customerId === sourceId && (e.conversationId === null || !conversationIds.includes(e.conversationId))).map((e) => e.id),
        };
      },
      moveAll: async (sourceId, targetId) => {
        for (const rows of [s().identities, s().conversations, s().messages, s().timelineEvents] as { customerId: string }[][]) {
          for (const row of rows) if (row.customerId === sourceId) row.customerId = targetId;
        }
      },
      moveBack: async ({ identityIds, conversationIds, timelineEventIds }, targetId, sourceId) => {
        const back = (rows: { customerId: string }[], moved: (row: never) => boolean) => {
          for (const row of rows) if (row.customerId === targetId && moved(row as never)) row.customerId = sourceId;
        };
        back(s().identities, (i: ChannelIdentityEntity) => identityIds.includes(i.id));
        back(s().conversations, (c: OwnedRow) => conversationIds.includes(c.id));
        back(s().messages, (m: OwnedRow) => conversationIds.includes(m.conversationId!));
        back(s().timelineEvents, (e: TimelineEventEntity) => (e.conversationId !== null && conversationIds.includes(e.conversationId)) || timelineEventIds.includes(e.id));
      },
      merge: async (id) => {
        const found = s().merges.get(id);
        return found ? copy(found) : null;
      },
      insertMerge: async (row) => void s().merges.set(row.id, copy(row)),
      updateMerge: async (id, changes) => void Object.assign(s().merges.get(id)!, changes),
      appendTimeline: async (event) => {
        const row = timelineRow({ id: `event-${String(++this.seq).padStart(6, '0')}`, ...event });
        s().timelineEvents.push(row);
        return copy(row);
      },
      afterCommit,
    };
  }

  private live() { return [...this.state.customers.values()].filter((c) => !c.mergedIntoId); }

  private identityRow(channel: Channel, externalId: string) {
    const found = this.state.identities.find((i) => i.channel === channel && i.externalId === externalId);
    return found ? copy(found) : null;
  }

  /** Tags, attributes and channels only: contact dates and scores live in other capabilities' rows. */
  async segment(filter: CustomerFilter, after: Keyset | null, take: number) {
    return this.live().filter((c) => this.inSegment(c, filter)).filter((c) => before({ at: c.updatedAt, id: c.id }, after))
      .sort((a, b) => newer({ at: a.updatedAt, id: a.id }, { at: b.updatedAt, id: b.id })).slice(0, take).map(copy);
  }

  async countSegment(filter: CustomerFilter) { return this.live().filter((c) => this.inSegment(c, filter)).length; }

  private inSegment(c: CustomerEntity, f: CustomerFilter): boolean {
    if (f.lastContactBefore || f.lastContactAfter || f.lastScore) throw new Error('the in-memory customers cannot filter by contact dates or scores');
    return (!f.tag || c.tags.some((t) => foldForSearch(t) === foldForSearch(f.tag!)))
      && (!f.attribute || foldForSearch(String(c.attributes[f.attribute.key] ?? '')) === foldForSearch(f.attribute.value))
      && (!f.channel || this.state.identities.some((i) => i.customerId === c.id && i.channel === f.channel));
  }

  async customer(id: string) { const c = this.state.customers.get(id); return c ? copy(c) : null; }

  async customers(ids: string[]) { return ids.flatMap((id) => (this.state.customers.has(id) ? [copy(this.state.customers.get(id)!)] : [])); }

  async updateCustomer(id: string, changes: Partial<CustomerEntity>) {
    const c = this.state.customers.get(id);
    if (c) Object.assign(c, changes);
  }

  async identitiesOf(customerIds: string[]) {
    return this.state.identities.filter((i) => customerIds.includes(i.customerId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(copy);
  }

  async search(query: CustomerQuery | null, listing: CustomerListing, take: number): Promise<CustomerListRow[]> {
    const matches = (c: CustomerEntity) => {
      if (!query) return true;
      const { folded, phone, digits } = query;
      const ids = this.state.identities.filter((i) => i.customerId === c.id);
      return like(c.name, folded) || like(c.email, folded) || (!!c.phone && c.phone.includes(folded))
        || (!!phone && c.phone === phone) || (!!digits && !!c.phone?.includes(digits))
        || ids.some((i) => like(i.externalId, folded) || (!!phone && [phone, `whatsapp:${phone}`].includes(i.externalId)));
    };
    const filtered = (c: CustomerEntity) =>
      (!listing.channel || this.state.identities.some((i) => i.customerId === c.id && i.channel === listing.channel))
      && (listing.tag === undefined || (c.tags ?? []).includes(listing.tag));
    const contacts = await this.lastContacts(this.live().map((c) => c.id));
    const keyOf = (c: CustomerEntity): DirectoryKey => {
      const contact = contacts.get(c.id);
      switch (listing.sort) {
        case 'name': return { rank: c.name ? 0 : 1, value: foldForSearch(c.name ?? ''), id: c.id };
        case 'lastContact': return { rank: contact ? 1 : 0, value: (contact ?? c.createdAt).toISOString(), id: c.id };
        case 'newest': return { rank: 0, value: c.createdAt.toISOString(), id: c.id };
        case 'updated': return { rank: 0, value: c.updatedAt.toISOString(), id: c.id };
      }
    };
    const sign = listing.sort === 'name' ? 1 : -1;
    const compare = (a: DirectoryKey, b: DirectoryKey) => sign * (a.rank - b.rank || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.live().filter((c) => matches(c) && filtered(c)).map((c) => ({ customer: copy(c), key: keyOf(c) }))
      .filter((row) => !listing.after || compare(row.key, listing.after) > 0)
      .sort((a, b) => compare(a.key, b.key)).slice(0, take);
  }

  async lastContacts(customerIds: string[]) {
    const at = new Map<string, Date>();
    for (const c of this.state.conversations) {
      if (!c.lastMessageAt || !customerIds.includes(c.customerId)) continue;
      const seen = at.get(c.customerId);
      if (!seen || seen < c.lastMessageAt) at.set(c.customerId, c.lastMessageAt);
    }
    return at;
  }

  async tags(take: number) {
    const counts = new Map<string, number>();
    for (const c of this.live()) for (const tag of c.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    return [...counts].map(([tag, customers]) => ({ tag, customers }))
      .sort((a, b) => b.customers - a.customers || (a.tag < b.tag ? -1 : 1)).slice(0, take);
  }

  async lastInboxPhoneRegion(customerId: string) { return this.phoneRegions.get(customerId); }

  async channelsOf(customerId: string): Promise<Channel[]> {
    return this.state.identities.filter((i) => i.customerId === customerId).map((i) => i.channel);
  }

  async countConversations(customerId: string) { return this.state.conversations.filter((c) => c.customerId === customerId).length; }

  async countTimelineEvents(customerId: string) { return this.state.timelineEvents.filter((e) => e.customerId === customerId).length; }

  async mergesOf(customerId: string, take: number) {
    return [...this.state.merges.values()].filter((m) => m.targetCustomerId === customerId || m.sourceCustomerId === customerId)
      .sort((a, b) => b.mergedAt.getTime() - a.mergedAt.getTime()).slice(0, take).map(copy);
  }

  async openSuggestions(customerId: string | undefined, take: number) {
    return this.suggestions.filter((x) => x.status === 'open' && (!customerId || x.customerAId === customerId || x.customerBId === customerId))
      .sort((a, b) => newer({ at: a.createdAt, id: a.id }, { at: b.createdAt, id: b.id })).slice(0, take).map(copy);
  }

  async dismissSuggestion(id: string) {
    const found = this.state.suggestions.get(id);
    if (found) found.status = 'dismissed';
    return !!found;
  }

  async timeline(customerId: string, beforeKey: Keyset | null, take: number) {
    return this.state.timelineEvents.filter((e) => e.customerId === customerId && before({ at: e.occurredAt, id: e.id }, beforeKey))
      .sort((a, b) => newer({ at: a.occurredAt, id: a.id }, { at: b.occurredAt, id: b.id })).slice(0, take).map(copy);
  }
}
