import type { CustomerSort } from '@parley/contracts';
import type { CustomerMergeService } from './customer-merge.service';
import { CustomersService } from './customers.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { addCustomer, addIdentity, recordingRealtime } from './testing/customer-fixtures';
import { InMemoryCustomerRepository } from './testing/in-memory-customer.repository';
import { TimelineService } from './timeline.service';

describe('CustomersService: the customer directory', () => {
  let repo: InMemoryCustomerRepository;
  let customers: CustomersService;
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    const realtime = recordingRealtime();
    customers = new CustomersService(repo, new TimelineService(repo), {} as CustomerMergeService, new MergeSuggestionsService(repo, realtime), realtime);
  });

  async function allPages(sort: CustomerSort, limit: number, filters: { channel?: 'sms' | 'telegram'; tag?: string } = {}) {
    const names: (string | null)[] = [];
    let cursor: string | undefined;
    do {
      const page = await customers.search(undefined, cursor, limit, { sort, ...filters });
      names.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return names;
  }

  it('sorts by name А→Я with ё as е, unnamed customers last, across pages', async () => {
    for (const name of ['Юлия', 'Ёжиков Пётр', null, 'анна', 'Елена', 'Борис']) addCustomer(repo, { name });
    expect(await allPages('name', 2)).toEqual(['анна', 'Борис', 'Ёжиков Пётр', 'Елена', 'Юлия', null]);
  });

  it('sorts by last contact, never contacted customers last, and reports when each was last in contact', async () => {
    addCustomer(repo, { name: 'Тихон' });
    const early = addCustomer(repo, { name: 'Ранний' });
    const late = addCustomer(repo, { name: 'Поздний' });
    repo.state.conversations.push(
      { id: 'v1', customerId: early.id, lastMessageAt: at(5) },
      { id: 'v2', customerId: late.id, lastMessageAt: at(30) },
      { id: 'v3', customerId: early.id, lastMessageAt: at(10) },
    );

    const page = await customers.search(undefined, undefined, 10, { sort: 'lastContact' });

    expect(page.items.map((c) => c.name)).toEqual(['Поздний', 'Ранний', 'Тихон']);
    expect(page.items.map((c) => c.lastContactAt)).toEqual([at(30).toISOString(), at(10).toISOString(), null]);
  });

  it('lists the newest customers first', async () => {
    for (const name of ['Первый', 'Второй', 'Третий']) addCustomer(repo, { name });
    expect(await allPages('newest', 1)).toEqual(['Третий', 'Второй', 'Первый']);
  });

  it('narrows to customers with an identity on a channel and to a tag', async () => {
    const sms = addCustomer(repo, { name: 'СМС', tags: ['опт'] });
    addIdentity(repo, sms.id, 'sms', '+79160000001');
    const telegram = addCustomer(repo, { name: 'Телеграм', tags: ['VIP'] });
    addIdentity(repo, telegram.id, 'telegram', '5550001');
    addCustomer(repo, { name: 'Без канала', tags: ['VIP', 'опт'] });

    expect(await allPages('name', 10, { channel: 'sms' })).toEqual(['СМС']);
    expect(await allPages('name', 10, { tag: 'VIP' })).toEqual(['Без канала', 'Телеграм']);
    expect(await allPages('name', 10, { channel: 'telegram', tag: 'опт' })).toEqual([]);
  });

  it('counts the tags of live customers, most carried first', async () => {
    const kept = addCustomer(repo, { tags: ['VIP', 'опт'] });
    addCustomer(repo, { tags: ['VIP'] });
    addCustomer(repo, { tags: ['опт', 'опт-2'], mergedIntoId: kept.id });

    expect(await customers.tags(10)).toEqual([{ tag: 'VIP', customers: 2 }, { tag: 'опт', customers: 1 }]);
  });
});
