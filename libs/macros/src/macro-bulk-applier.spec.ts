import type { ConversationEntity } from '@parley/persistence';
import { agata, boris, C1, C2, macroSetup, REFUND, VIP } from './macro-test-setup';
import { MacroBulkApplier } from './macro-bulk-applier';

const rows = (...ids: string[]) => ids.map((id) => ({ id }) as ConversationEntity);

describe('a bulk page of a macro run', () => {
  it('reads the run rows, the conversations and the references once for the page, and writes the outcomes once at its end', async () => {
    const { macros, runs, repo, targets, applier } = macroSetup();
    const m = await macros.create(agata, { name: 'Разбор очереди', actions: [{ type: 'priority', priority: 'high' }, { type: 'label', labelId: REFUND }, { type: 'note', text: 'Разобрано — {{agent.name}}' }] });
    const { run } = await runs.runBulk(agata, m.id, { conversationIds: [C1, C2] });
    const lookups = { references: 0, items: 0, settled: 0, updated: 0 };
    const spy = <T extends object>(o: T, key: keyof T, counter: keyof typeof lookups) => {
      const fn = (o[key] as (...a: unknown[]) => unknown).bind(o);
      (o as Record<keyof T, unknown>)[key] = (...a: unknown[]) => { lookups[counter] += 1; return fn(...a); };
    };
    spy(targets, 'references', 'references');
    spy(repo, 'itemsOf', 'items');
    spy(repo, 'settleItems', 'settled');
    spy(repo, 'updateItem', 'updated');

    const page = await new MacroBulkApplier(repo, applier).page(run.id, rows(C1, C2), agata, false);
    await page.apply(C1);
    await page.apply(C2);
    expect([...repo.items.values()].map((i) => i.outcome)).toEqual(['applying', 'applying']);
    await page.end();

    expect([...repo.items.values()].map((i) => [i.conversationId, i.outcome])).toEqual([[C1, 'applied'], [C2, 'applied']]);
    expect(lookups).toEqual({ references: 1, items: 1, settled: 1, updated: 0 });
    expect(targets.reads).toEqual({ one: 0, page: 1 });
    // Each conversation changed through the capabilities' own calls, the label (a reference) first, the note last, with its placeholder filled.
    expect(targets.changes.filter((c) => c.conversationId === C2).map((c) => [c.kind, c.macro])).toEqual([['label', 'Разбор очереди'], ['priority', 'Разбор очереди'], ['note', 'Разбор очереди']]);
    expect(targets.changes.find((c) => c.kind === 'note')!.value).toBe('Разобрано — Ёлкина Агата');

    // The job retried: the page finds both rows and changes nothing again.
    const again = await applier.page(run.id, rows(C1, C2), agata);
    await again.apply(C1);
    await again.apply(C2);
    await again.end();
    expect(targets.changes).toHaveLength(6);

    // Undo a page at a time: both put back, each row undone once.
    const undo = await applier.page(run.id, rows(C1, C2), agata, true);
    await undo.apply(C1);
    await undo.apply(C2);
    await undo.end();
    expect([...repo.items.values()].map((i) => i.outcome)).toEqual(['undone', 'undone']);
    expect(await targets.conversation(C2)).toMatchObject({ priority: 'normal', labelIds: [] });
  });

  it('fails the conversations of a page after a label deleted mid-page, changing nothing on them', async () => {
    const { macros, runs, repo, targets, applier } = macroSetup();
    const m = await macros.create(agata, { name: 'С меткой', actions: [{ type: 'priority', priority: 'urgent' }, { type: 'label', labelId: VIP }, { type: 'assign', agentId: boris.id }] });
    const { run } = await runs.runBulk(agata, m.id, { conversationIds: [C1, C2] });
    const page = await applier.page(run.id, rows(C1, C2), agata);
    targets.labels.delete(VIP);

    await expect(page.apply(C1)).rejects.toThrow(`Label ${VIP} not found`);
    await expect(page.apply(C2)).rejects.toMatchObject({ status: 422, message: 'Macro "С меткой" cannot run: Action 2: the label "VIP" was deleted' });
    await page.end();
    expect(targets.changes).toEqual([]);
    expect([...repo.items.values()].map((i) => [i.conversationId, i.outcome])).toEqual([[C1, 'failed'], [C2, 'failed']]);
    expect(await targets.conversation(C1)).toMatchObject({ priority: 'normal', assigneeId: null, labelIds: [] });
  });

  it('fails every conversation of a page with the reason when the requester is gone', async () => {
    const { repo, applier } = macroSetup();
    repo.users.delete(agata.id);
    await expect(new MacroBulkApplier(repo, applier).page('0193ffff-0000-7000-8000-000000000001', rows(C1), agata, false)).rejects.toThrow('The user who ran the macro no longer exists');
  });
});
