import { BadRequestException, ConflictException } from '@nestjs/common';
import { MERGE_EVENTS } from '@parley/contracts';
import { CustomerMergeService } from './customer-merge.service';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { addCustomer, addIdentity, recordingRealtime } from './testing/customer-fixtures';
import { InMemoryCustomerRepository } from './testing/in-memory-customer.repository';

describe('CustomerMergeService', () => {
  let repo: InMemoryCustomerRepository;
  let merges: CustomerMergeService;
  let realtime: ReturnType<typeof recordingRealtime>;

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    realtime = recordingRealtime();
    merges = new CustomerMergeService(repo, new MergeSuggestionsService(repo, realtime), realtime);
  });

  function twoRecordsOfOnePerson() {
    const target = addCustomer(repo, { name: 'Мария Иванова', email: 'maria@example.ru', emailSource: 'channel', tags: ['vip'], attributes: { city: 'Москва' } });
    const source = addCustomer(repo, { name: 'Маша', phone: '+79161234567', phoneSource: 'channel', tags: ['доставка', 'vip'], attributes: { city: 'Тверь', plan: 'годовой' } });
    const sms = addIdentity(repo, source.id, 'sms', '+79161234567');
    repo.state.conversations.push({ id: 'conv-sms', customerId: source.id });
    repo.state.messages.push({ id: 'msg-1', customerId: source.id, conversationId: 'conv-sms' });
    return { target, source, sms };
  }

  it('moves the source’s identities, conversations, messages and timeline onto the target and leaves a pointer', async () => {
    const { target, source, sms } = twoRecordsOfOnePerson();
    await repo.transaction((tx) => tx.appendTimeline({ customerId: source.id, type: 'message', conversationId: 'conv-sms', content: 'Где мой заказ?' }));
    await repo.transaction((tx) => tx.appendTimeline({ customerId: source.id, type: 'crm_event', title: 'Оплата получена' }));

    const result = await merges.merge(target.id, source.id, 'Ольга');

    expect(repo.identities.find((i) => i.id === sms.id)?.customerId).toBe(target.id);
    expect(repo.state.conversations[0].customerId).toBe(target.id);
    expect(repo.state.messages[0].customerId).toBe(target.id);
    expect(repo.customersById.get(source.id)?.mergedIntoId).toBe(target.id);
    expect(result).toMatchObject({ name: 'Мария Иванова', email: 'maria@example.ru', phone: '+79161234567', tags: ['vip', 'доставка'] });
    expect(result.attributes).toEqual({ city: 'Москва', plan: 'годовой' });
    expect(result.identities.map((i) => i.externalId)).toEqual(['+79161234567']);
    const merged = repo.timelineEvents.filter((e) => e.customerId === target.id).map((e) => [e.type, e.title ?? e.content]);
    expect(merged).toEqual([['message', 'Где мой заказ?'], ['crm_event', 'Оплата получена'], ['customer_merged', 'Маша']]);
    expect(realtime.events.map((e) => e.event)).toContain(MERGE_EVENTS.customerMerged);
  });

  it('undo moves exactly the moved rows back, with what reached their conversations meanwhile, and restores the target', async () => {
    const { target, source, sms } = twoRecordsOfOnePerson();
    const { merge } = await merges.merge(target.id, source.id, 'Ольга');
    repo.state.messages.push({ id: 'msg-2', customerId: target.id, conversationId: 'conv-sms' });
    await repo.transaction((tx) => tx.appendTimeline({ customerId: target.id, type: 'crm_event', title: 'Заметка после слияния' }));

    const restored = await merges.undo(merge.id, 'Ольга');

    expect(restored).toMatchObject({ id: source.id, mergedIntoId: null, name: 'Маша' });
    expect(repo.identities.find((i) => i.id === sms.id)?.customerId).toBe(source.id);
    expect(repo.state.messages.map((m) => m.customerId)).toEqual([source.id, source.id]);
    expect(repo.customersById.get(target.id)).toMatchObject({ phone: null, tags: ['vip'], attributes: { city: 'Москва' } });
    const kept = repo.timelineEvents.filter((e) => e.customerId === target.id).map((e) => e.type);
    expect(kept).toEqual(['customer_merged', 'crm_event', 'customer_unmerged']);
    expect((await merges.mergesOf(target.id))[0]).toMatchObject({ id: merge.id, undoableUntil: null });
  });

  it('refuses a second undo of one merge', async () => {
    const { target, source } = twoRecordsOfOnePerson();
    const { merge } = await merges.merge(target.id, source.id, 'Ольга');
    await merges.undo(merge.id, 'Ольга');
    await expect(merges.undo(merge.id, 'Ольга')).rejects.toThrow(ConflictException);
  });

  it('refuses an undo once the surviving customer was merged again', async () => {
    const { target, source } = twoRecordsOfOnePerson();
    const third = addCustomer(repo, { name: 'Мария И.' });
    const { merge } = await merges.merge(target.id, source.id, 'Ольга');
    await merges.merge(third.id, target.id, 'Ольга');
    await expect(merges.undo(merge.id, 'Ольга')).rejects.toThrow('undo that merge first');
    expect(repo.customersById.get(source.id)?.mergedIntoId).toBe(target.id);
  });

  it('refuses to merge a customer into itself or into a merge pointer, changing nothing', async () => {
    const { target, source } = twoRecordsOfOnePerson();
    await expect(merges.merge(target.id, target.id, 'Ольга')).rejects.toThrow(BadRequestException);
    await merges.merge(target.id, source.id, 'Ольга');
    const other = addCustomer(repo, { name: 'Пётр' });
    await expect(merges.merge(source.id, other.id, 'Ольга')).rejects.toThrow(ConflictException);
    expect(repo.customersById.get(other.id)?.mergedIntoId).toBeNull();
  });

  it('settles the pair’s open suggestion and previews the result with both footprints', async () => {
    const { target, source } = twoRecordsOfOnePerson();
    const suggestions = new MergeSuggestionsService(repo, realtime);
    await repo.transaction((tx) => suggestions.suggest(tx, source.id, target.id, [{ kind: 'same_name', values: ['Мария Иванова', 'Маша'] }]));

    const preview = await merges.preview(target.id, source.id);
    expect(preview.sourceFootprint).toEqual({ conversations: 1, timelineEvents: 0, channels: ['sms'] });
    expect(preview.result.phone).toBe('+79161234567');

    await merges.merge(target.id, source.id, 'Ольга');
    expect(repo.suggestions.map((s) => s.status)).toEqual(['merged']);
  });
});
