import type { CustomerMergeService } from './customer-merge.service';
import { CustomersService } from './customers.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { addCustomer, recordingRealtime } from './testing/customer-fixtures';
import { InMemoryCustomerRepository } from './testing/in-memory-customer.repository';
import { TimelineService } from './timeline.service';

describe('TimelineService', () => {
  let repo: InMemoryCustomerRepository;
  let timeline: TimelineService;

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    timeline = new TimelineService(repo);
  });

  const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 12, minute));

  it('pages a customer’s timeline newest first, ties broken by id, without repeating or skipping an event', async () => {
    const customer = addCustomer(repo);
    const other = addCustomer(repo);
    await repo.transaction(async (tx) => {
      await tx.appendTimeline({ customerId: customer.id, type: 'message', occurredAt: at(1), content: 'Здравствуйте' });
      await tx.appendTimeline({ customerId: customer.id, type: 'message', occurredAt: at(2), content: 'Заказ 1042 не пришёл' });
      await tx.appendTimeline({ customerId: customer.id, type: 'crm_event', occurredAt: at(2), title: 'Возврат оформлен' });
      await tx.appendTimeline({ customerId: other.id, type: 'message', occurredAt: at(3), content: 'Чужое сообщение' });
      await tx.appendTimeline({ customerId: customer.id, type: 'message', occurredAt: at(4), content: 'Спасибо!' });
    });

    const first = await timeline.page(customer.id, undefined, 2);
    const second = await timeline.page(customer.id, first.nextCursor!, 2);

    expect(first.items.map((e) => e.content ?? e.title)).toEqual(['Спасибо!', 'Возврат оформлен']);
    expect(second.items.map((e) => e.content ?? e.title)).toEqual(['Заказ 1042 не пришёл', 'Здравствуйте']);
    expect(second.nextCursor).toBeNull();
  });

  it('fills the defaults of an event a caller writes itself', () => {
    const row = timeline.row({ customerId: 'c1', type: 'crm_event', title: 'Звонок' });
    expect(row).toMatchObject({ customerId: 'c1', channel: null, conversationId: null, content: null, data: null, title: 'Звонок' });
    expect(row.id).toEqual(expect.any(String));
    expect(row.occurredAt).toBeInstanceOf(Date);
  });
});

describe('CustomersService on the customer repository', () => {
  let repo: InMemoryCustomerRepository;
  let customers: CustomersService;
  let realtime: ReturnType<typeof recordingRealtime>;

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    realtime = recordingRealtime();
    const suggestions = new MergeSuggestionsService(repo, realtime);
    customers = new CustomersService(repo, new TimelineService(repo), {} as CustomerMergeService, suggestions, realtime);
  });

  it('adds a CRM event to the surviving customer of a merged-away one', async () => {
    const survivor = addCustomer(repo, { name: 'Мария' });
    const pointer = addCustomer(repo, { mergedIntoId: survivor.id });

    const event = await customers.addEvent(pointer.id, { type: 'order', title: 'Заказ оплачен', data: { total: 1500 } });

    expect(event).toMatchObject({ customerId: survivor.id, type: 'crm_event', title: 'Заказ оплачен', data: { total: 1500, eventType: 'order' } });
    expect((await customers.timelinePage(survivor.id, undefined, 10)).items.map((e) => e.id)).toEqual([event.id]);
  });

  it('answers an empty timeline page for a customer without events, and 404 for an unknown customer', async () => {
    const anna = addCustomer(repo, { name: 'Анна' });
    expect((await customers.timelinePage(anna.id, undefined, 10)).items).toEqual([]);
    await expect(customers.timelinePage('00000000-0000-4000-8000-00000000dead', undefined, 10)).rejects.toThrow('not found');
  });

  it('finds customers by a name written with ё or without it, and hides merged-away ones', async () => {
    const petr = addCustomer(repo, { name: 'Пётр Смирнов' });
    addCustomer(repo, { name: 'Петр Смирнов', mergedIntoId: petr.id });

    const found = await customers.search('петр', undefined, 10);

    expect(found.items.map((c) => c.id)).toEqual([petr.id]);
  });

  it('suggests a merge when an agent types an address another customer proved', async () => {
    const holder = addCustomer(repo, { email: 'anna@example.ru', emailSource: 'channel' });
    const typed = addCustomer(repo, { name: 'Анна' });

    await customers.update(typed.id, { email: ' Anna@Example.ru ' });

    expect(repo.suggestions).toHaveLength(1);
    expect(repo.suggestions[0].evidence).toEqual([{ kind: 'same_email', values: ['anna@example.ru', 'anna@example.ru'] }]);
    expect(repo.suggestions[0]).toMatchObject({ customerAId: holder.id, customerBId: typed.id });
  });
});
