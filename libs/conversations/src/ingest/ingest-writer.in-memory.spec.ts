import { ingestWriterContract } from './ingest-writer.contract';
import { InMemoryIngestStore } from './in-memory-ingest';

describe('IngestWriter contract: the in-memory fake', () => {
  const store = new InMemoryIngestStore();
  ingestWriterContract(async () => ({
    writer: store,
    seed: async ({ customers, identities, conversations }) => {
      customers.forEach((c) => store.customers.set(c.id, { ...c }));
      identities.forEach((i) => store.identities.set(i.id, { ...i }));
      conversations.forEach((c) => store.conversations.set(c.id, { ...c }));
    },
    messages: async (id) => store.messages.filter((m) => m.conversationId === id),
    timeline: async (id) => store.timeline.filter((e) => e.customerId === id),
    conversation: async (id) => store.conversations.get(id) ?? null,
    customer: async (id) => store.customers.get(id) ?? null,
    identity: async (id) => store.identities.get(id) ?? null,
  }));

  it('kept what the contract wrote in the fake itself (the unit specs of ingest read it back)', () => {
    expect(store.messages.length).toBeGreaterThan(0);
    expect(store.timeline.map((e) => e.customerId)).toEqual(expect.arrayContaining(store.messages.map((m) => m.customerId)));
  });
});
