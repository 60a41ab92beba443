import type { Channel, ConversationHitDto, ConversationStatus, CustomerHitDto, MessageHitDto, SearchSort, SearchType } from '@parley/contracts';
import { highlightStems, type SearchQuery, stemText } from '@parley/domain';
import { queryStems } from '../customer-hit';
import type { HitsOf, Ranked, SearchFilters, SearchIndex, SearchKey } from '../ports/search-index.port';

export interface FakeConversation {
  id: string;
  customer: { id: string; name: string | null };
  inboxId: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  lastMessageAt: Date;
}

export interface FakeMessage {
  id: string;
  conversation: FakeConversation;
  direction: 'inbound' | 'outbound';
  content: string;
  createdAt: Date;
}

export interface FakeCustomer {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  updatedAt: Date;
}

/** Every word of the query, in any form, among the text's stems: how both real indexes match. */
const matches = (text: string, q: SearchQuery) => {
  const words = new Set(stemText(text).split(' '));
  return [...queryStems(q)].every((s) => words.has(s));
};

const before = (key: SearchKey, after: SearchKey | null, sort: SearchSort) =>
  !after || (sort === 'relevance' ? key.rank < after.rank || (key.rank === after.rank && key.id < after.id) : key.at < after.at || (key.at.getTime() === after.at.getTime() && key.id < after.id));

const order = (sort: SearchSort) => (a: { key: SearchKey }, b: { key: SearchKey }) =>
  (sort === 'relevance' ? b.key.rank - a.key.rank : b.key.at.getTime() - a.key.at.getTime()) || (a.key.id < b.key.id ? 1 : a.key.id > b.key.id ? -1 : 0);

/** Messages, conversations and customers in memory, for unit specs of the search use case. */
export class InMemorySearchIndex implements SearchIndex {
  messages: FakeMessage[] = [];
  customers: FakeCustomer[] = [];
  calls: { type: SearchType; sort: SearchSort; after: SearchKey | null; limit: number; filters: SearchFilters }[] = [];

  async search<T extends SearchType>(query: SearchQuery, filters: SearchFilters, type: T, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<HitsOf[T]>[]> {
    this.calls.push({ type, sort, after, limit, filters });
    const all = type === 'messages' ? this.messageHits(query, filters) : type === 'conversations' ? this.conversationHits(query, filters) : this.customerHits(query);
    return (all as Ranked<HitsOf[T]>[]).filter((r) => before(r.key, after, sort)).sort(order(sort)).slice(0, limit);
  }

  private matching(query: SearchQuery, f: SearchFilters): FakeMessage[] {
    return this.messages.filter((m) => matches(m.content, query)
      && (!f.channel || m.conversation.channel === f.channel) && (!f.status || m.conversation.status === f.status)
      && (!f.teamId || m.conversation.teamId === f.teamId) && (f.assigneeId === undefined || m.conversation.assigneeId === f.assigneeId)
      && (!f.from || m.createdAt >= f.from) && (!f.to || m.createdAt < f.to));
  }

  private messageHits(query: SearchQuery, f: SearchFilters): Ranked<MessageHitDto>[] {
    return this.matching(query, f).map((m) => ({
      hit: { id: m.id, conversationId: m.conversation.id, customer: m.conversation.customer, channel: m.conversation.channel, direction: m.direction, createdAt: m.createdAt.toISOString(), snippet: highlightStems(m.content, queryStems(query)) ?? '' },
      key: { rank: 1 / (1 + m.content.length), at: m.createdAt, id: m.id },
    }));
  }

  private conversationHits(query: SearchQuery, f: SearchFilters): Ranked<ConversationHitDto>[] {
    const best = new Map<string, Ranked<MessageHitDto>>();
    const latest = new Map<string, Date>();
    for (const hit of this.messageHits(query, f)) {
      const id = hit.hit.conversationId;
      const seen = best.get(id);
      if (!seen || hit.key.rank > seen.key.rank) best.set(id, hit);
      if (!latest.has(id) || hit.key.at > latest.get(id)!) latest.set(id, hit.key.at);
    }
    return [...best.values()].map(({ hit, key }) => {
      const c = this.messages.find((m) => m.id === hit.id)!.conversation;
      const { lastMessageAt, ...summary } = c;
      return { hit: { ...summary, lastMessageAt: lastMessageAt.toISOString(), messageId: hit.id, snippet: hit.snippet }, key: { rank: key.rank, at: latest.get(c.id)!, id: c.id } };
    });
  }

  private customerHits(query: SearchQuery): Ranked<CustomerHitDto>[] {
    return this.customers.filter((c) => matches(`${c.name ?? ''} ${c.email ?? ''}`, query) || (!!query.phone && c.phone === query.phone)).map((c) => ({
      hit: { id: c.id, name: c.name, email: c.email, phone: c.phone, matchedField: c.phone === query.phone ? 'phone' : 'name', snippet: c.name ?? '' },
      key: { rank: 1, at: c.updatedAt, id: c.id },
    }));
  }
}
