import { NotFoundException } from '@nestjs/common';
import { MERGE_EVENTS } from '@parley/contracts';
import { MergeSuggestionsService } from './merge-suggestions.service';
import { addCustomer, addIdentity, recordingRealtime } from './testing/customer-fixtures';
import { InMemoryCustomerRepository } from './testing/in-memory-customer.repository';

describe('MergeSuggestionsService', () => {
  let repo: InMemoryCustomerRepository;
  let suggestions: MergeSuggestionsService;
  let realtime: ReturnType<typeof recordingRealtime>;

  beforeEach(() => {
    repo = new InMemoryCustomerRepository();
    realtime = recordingRealtime();
    suggestions = new MergeSuggestionsService(repo, realtime);
  });

  const announced = () => realtime.events.filter((e) => e.event === MERGE_EVENTS.suggestionCreated);

  it('suggests a namesake reached on another channel, comparing names folded (any case, ё = е)', async () => {
    const telegram = addCustomer(repo, { name: 'Пётр Смирнов' });
    addIdentity(repo, telegram.id, 'telegram', '4242');
    const sameChannel = addCustomer(repo, { name: 'петр смирнов' });
    addIdentity(repo, sameChannel.id, 'webchat', 'visitor-1');
    const visitor = addCustomer(repo, { name: 'ПЕТР  СМИРНОВ' });

    await repo.transaction((tx) => suggestions.suggestNamesakes(tx, visitor, 'webchat'));

    const [suggestion] = await suggestions.list(undefined, 10);
    expect(repo.suggestions).toHaveLength(1);
    expect(suggestion).toMatchObject({ customer: { id: telegram.id }, duplicate: { id: visitor.id } });
    expect(suggestion.evidence).toEqual([{ kind: 'same_name', values: ['Пётр Смирнов', 'ПЕТР  СМИРНОВ'] }]);
  });

  it('stores a pair once, either way round, adding new kinds of evidence', async () => {
    const a = addCustomer(repo, { name: 'Анна Козлова' });
    const b = addCustomer(repo, { name: 'Анна Козлова' });
    await repo.transaction((tx) => suggestions.suggest(tx, b.id, a.id, [{ kind: 'same_name', values: ['Анна Козлова', 'Анна Козлова'] }]));
    const again = await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, [{ kind: 'same_name', values: ['x', 'y'] }]));
    await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, [{ kind: 'prechat_email', values: ['anna@example.ru', 'anna@example.ru'] }]));

    expect(again).toBeNull();
    expect(repo.suggestions).toHaveLength(1);
    expect(repo.suggestions[0]).toMatchObject({ customerAId: a.id, customerBId: b.id });
    expect(repo.suggestions[0].evidence.map((e) => e.kind)).toEqual(['same_name', 'prechat_email']);
    expect(announced()).toHaveLength(2);
  });

  it('keeps a dismissed pair dismissed', async () => {
    const a = addCustomer(repo);
    const b = addCustomer(repo);
    const row = await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, [{ kind: 'same_phone', values: ['8 916 123-45-67', '+79161234567'] }]));
    await suggestions.dismiss(row!.id);
    await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, [{ kind: 'same_email', values: ['a@example.ru', 'a@example.ru'] }]));

    expect(repo.suggestions[0]).toMatchObject({ status: 'dismissed', evidence: [{ kind: 'same_phone' }] });
    expect(await suggestions.list(undefined, 10)).toEqual([]);
  });

  it('tells agents only once the transaction commits, and nothing after a rollback', async () => {
    const a = addCustomer(repo);
    const b = addCustomer(repo);
    await expect(repo.transaction(async (tx) => {
      await suggestions.suggest(tx, a.id, b.id, [{ kind: 'same_name', values: ['Иван Петров', 'Иван Петров'] }]);
      expect(announced()).toHaveLength(0);
      throw new Error('ingest failed');
    })).rejects.toThrow('ingest failed');
    expect(announced()).toHaveLength(0);
    expect(repo.suggestions).toHaveLength(0);

    await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, [{ kind: 'same_name', values: ['Иван Петров', 'Иван Петров'] }]));
    expect(announced()).toHaveLength(1);
  });

  it('lists open suggestions naming a customer, newest first, without pairs merged away meanwhile', async () => {
    const [a, b, c, d] = [addCustomer(repo), addCustomer(repo), addCustomer(repo), addCustomer(repo)];
    const evidence = [{ kind: 'same_name' as const, values: ['Ольга Орлова', 'Ольга Орлова'] }];
    await repo.transaction((tx) => suggestions.suggest(tx, a.id, b.id, evidence));
    await repo.transaction((tx) => suggestions.suggest(tx, a.id, c.id, evidence));
    await repo.transaction((tx) => suggestions.suggest(tx, c.id, d.id, evidence));
    await repo.updateCustomer(b.id, { mergedIntoId: d.id });

    const listed = await suggestions.list(a.id, 10);
    expect(listed.map((s) => [s.customer.id, s.duplicate.id])).toEqual([[a.id, c.id]]);
  });

  it('answers 404 when dismissing a suggestion that does not exist', async () => {
    await expect(suggestions.dismiss('missing')).rejects.toThrow(NotFoundException);
  });
});
