import { CustomerMergeService } from './customer-merge.service';
import { IdentityResolutionService } from './identity-resolution.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { addCustomer, addIdentity, recordingRealtime } from './testing/customer-fixtures';
import { InMemoryCustomerRepository } from './testing/in-memory-customer.repository';
import { VerifiedIdentityService } from './verified-identity.service';

describe('VerifiedIdentityService', () => {
  let repo: InMemoryCustomerRepository;
  let verified: VerifiedIdentityService;

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    const realtime = recordingRealtime();
    const suggestions = new MergeSuggestionsService(repo, realtime);
    verified = new VerifiedIdentityService(repo, new IdentityResolutionService(repo, suggestions), new CustomerMergeService(repo, suggestions, realtime));
  });

  const identitiesOf = (customerId: string) => repo.identities.filter((i) => i.customerId === customerId).map((i) => i.externalId).sort();

  it('verifies a new visitor’s own customer: the signed email is proof, the name fills a blank', async () => {
    const linked = await verified.link({ visitorId: 'browser-1', visitorCustomerId: 'cust-new', identifier: 'Anna@Example.ru', name: 'Анна Козлова' });

    expect(linked).toEqual({ customerId: 'cust-new', changed: false });
    expect(repo.customersById.get('cust-new')).toMatchObject({ email: 'anna@example.ru', emailSource: 'verified', name: 'Анна Козлова' });
    expect(identitiesOf('cust-new')).toEqual(['browser-1', 'user:Anna@Example.ru']);
  });

  it('puts the same site user on a second browser onto the customer who verified before', async () => {
    await verified.link({ visitorId: 'browser-1', visitorCustomerId: 'cust-first', identifier: 'user-42' });
    const linked = await verified.link({ visitorId: 'browser-2', visitorCustomerId: 'cust-second', identifier: 'user-42' });

    expect(linked).toEqual({ customerId: 'cust-first', changed: true });
    expect(identitiesOf('cust-first')).toEqual(['browser-1', 'browser-2', 'user:user-42']);
    expect(repo.customersById.has('cust-second')).toBe(false);
  });

  it('joins the customer who provably holds the signed email (an email sender)', async () => {
    const holder = addCustomer(repo, { name: 'Анна', email: 'anna@example.ru', emailSource: 'channel' });
    addIdentity(repo, holder.id, 'email', 'anna@example.ru');

    const linked = await verified.link({ visitorId: 'browser-1', visitorCustomerId: 'cust-visitor', identifier: 'anna@example.ru' });

    expect(linked).toEqual({ customerId: holder.id, changed: true });
    expect(identitiesOf(holder.id)).toEqual(['anna@example.ru', 'browser-1', 'user:anna@example.ru']);
  });

  it('does not trust an unproven record holding the address: a typed pre-chat email is anyone’s', async () => {
    const typed = addCustomer(repo, { email: 'anna@example.ru', emailSource: 'prechat' });

    const linked = await verified.link({ visitorId: 'browser-1', visitorCustomerId: 'cust-visitor', identifier: 'anna@example.ru' });

    expect(linked.customerId).toBe('cust-visitor');
    expect(identitiesOf(typed.id)).toEqual([]);
  });

  it('absorbs the anonymous history of a visitor who logs in as a known user, by a recorded merge', async () => {
    const known = addCustomer(repo, { name: 'Иван Петров' });
    addIdentity(repo, known.id, 'webchat', 'user:ivan');
    const anonymous = addCustomer(repo);
    addIdentity(repo, anonymous.id, 'webchat', 'browser-9');
    await repo.transaction((tx) => tx.appendTimeline({ customerId: anonymous.id, type: 'crm_event', title: 'Вопрос о доставке' }));

    const linked = await verified.link({ visitorId: 'browser-9', visitorCustomerId: anonymous.id, identifier: 'ivan' });

    expect(linked).toEqual({ customerId: known.id, changed: true });
    expect(repo.customersById.get(anonymous.id)?.mergedIntoId).toBe(known.id);
    expect(identitiesOf(known.id)).toEqual(['browser-9', 'user:ivan']);
    const moved = repo.timelineEvents.filter((e) => e.customerId === known.id).map((e) => e.type);
    expect(moved).toEqual(['crm_event', 'customer_merged']);
    expect(repo.state.merges.size).toBe(1);
  });
});
