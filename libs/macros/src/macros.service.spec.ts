import type { ConversationEntity } from '@parley/persistence';
import { admin, agata, ASK, boris, C1, C2, macroSetup, REFUND, VIP } from './macro-test-setup';

describe('macros', () => {
  it('keeps an agent’s macro personal, names what its actions point at, and tells the consoles', async () => {
    const { macros, events } = macroSetup();
    const saved = await macros.create(agata, { name: '  Возврат   товара ', actions: [{ type: 'label', labelId: REFUND }, { type: 'reply', cannedResponseId: ASK }] });
    expect(saved).toMatchObject({ name: 'Возврат товара', scope: 'personal', ownerId: agata.id, editable: true, refs: { 0: 'Refund / Возврат', 1: 'Номер заказа' }, problems: [] });
    expect(events).toEqual(['macro.changed']);
    await expect(macros.get(boris, saved.id)).rejects.toMatchObject({ status: 404 });
    await expect(macros.update(boris, saved.id, { name: 'Моё' })).rejects.toMatchObject({ status: 404 });
  });

  it('leaves shared and team macros to admins', async () => {
    const { macros, repo, targets } = macroSetup();
    await expect(macros.create(agata, { name: 'Общий', scope: 'shared', actions: [{ type: 'resolve' }] })).rejects.toMatchObject({ status: 403 });
    const shared = await macros.create(admin, { name: 'Общий', scope: 'shared', actions: [{ type: 'resolve' }] });
    expect((await macros.list(agata)).find((m) => m.id === shared.id)).toMatchObject({ editable: false });
    await expect(macros.remove(agata, shared.id)).rejects.toMatchObject({ status: 403 });
    repo.teams.set('0193eeee-0000-7000-8000-000000000001', { name: 'Доставка', members: [agata.id] });
    targets.teams.set('0193eeee-0000-7000-8000-000000000001', 'Доставка');
    const team = await macros.create(admin, { name: 'Командный', scope: 'team', teamId: '0193eeee-0000-7000-8000-000000000001', actions: [{ type: 'resolve' }] });
    expect((await macros.list(agata)).map((m) => m.id)).toContain(team.id);
    expect((await macros.list(boris)).map((m) => m.id)).not.toContain(team.id);
  });

  it('refuses unknown references with a 422 and malformed actions with a 400 naming each', async () => {
    const { macros } = macroSetup();
    const missing = '0193ffff-0000-7000-8000-000000000009';
    await expect(macros.create(agata, { name: 'Нет метки', actions: [{ type: 'resolve' }, { type: 'label', labelId: missing }] }))
      .rejects.toMatchObject({ status: 422, message: `Action 2: there is no label ${missing}` });
    await expect(macros.create(agata, { name: 'Плохо', actions: [{ type: 'snooze', minutes: 0 }, { type: 'note', text: '{{клиент}}' }] as never }))
      .rejects.toMatchObject({ status: 400, message: 'actions[0].minutes must be a whole number from 1 to 525600; actions[1].text: unknown variable {{клиент}}' });
  });

  it('lists a macro whose label was deleted with the problem, by the name it had', async () => {
    const { macros, targets } = macroSetup();
    const saved = await macros.create(agata, { name: 'VIP', actions: [{ type: 'priority', priority: 'high' }, { type: 'label', labelId: VIP }] });
    targets.labels.delete(VIP);
    const [listed] = await macros.list(agata);
    expect(listed.problems).toEqual([{ action: 1, code: 'label_deleted', params: { name: 'VIP' }, message: 'Action 2: the label "VIP" was deleted' }]);
    expect(saved.problems).toEqual([]);
  });
});

describe('running a macro', () => {
  it('applies changes before messages, each marked with the macro', async () => {
    const { macros, runs, targets } = macroSetup();
    const m = await macros.create(agata, { name: 'Разбор', actions: [{ type: 'reply', cannedResponseId: ASK }, { type: 'label', labelId: REFUND }, { type: 'resolve' }] });
    const result = await runs.runOne(agata, m.id, C1);
    expect(result.run).toMatchObject({ state: 'applied', applied: 1, irreversible: ['reply'] });
    expect(targets.changes.map((c) => [c.kind, c.macro])).toEqual([['label', 'Разбор'], ['status', 'Разбор'], ['reply', 'Разбор']]);
    expect(targets.changes[2].value).toBe('Подскажите номер заказа, Анна. Ёлкина Агата');
  });

  it('applies nothing when one action cannot run: a placeholder without a value, a text over the channel’s limit, a refused send', async () => {
    const { macros, runs, targets } = macroSetup();
    const m = await macros.create(agata, { name: 'Вопрос', actions: [{ type: 'priority', priority: 'urgent' }, { type: 'reply', cannedResponseId: ASK }] });
    await expect(runs.runOne(agata, m.id, C2)).rejects.toMatchObject({ status: 422, message: 'Macro "Вопрос" cannot run: Action 2: no value for {{customer.first_name}} in this conversation' });
    targets.refusals.set(C1, 'The customer opted out of messages on this channel');
    await expect(runs.runOne(agata, m.id, C1)).rejects.toMatchObject({ status: 422, message: 'Macro "Вопрос" cannot run: Action 2: The customer opted out of messages on this channel' });
    const short = await macros.create(agata, { name: 'Кратко', actions: [{ type: 'label', labelId: VIP }, { type: 'reply', cannedResponseId: '0193cccc-0000-7000-8000-000000000002' }] });
    await expect(runs.runOne(agata, short.id, C2)).rejects.toMatchObject({ status: 422, message: 'Macro "Кратко" cannot run: Action 2: the text is 22 characters long, the channel takes 10' });
    expect(targets.changes).toEqual([]);
  });

  it('refuses a survey where none is switched on, before resolving anything', async () => {
    const { macros, runs, targets } = macroSetup();
    targets.surveysOn = false;
    const m = await macros.create(agata, { name: 'Опрос', actions: [{ type: 'resolve' }, { type: 'survey' }] });
    const preview = await runs.preview(agata, m.id, [C1]);
    expect(preview.conversations[0].actions[1].problems.map((p) => p.code)).toEqual(['survey_off']);
    await expect(runs.runOne(agata, m.id, C1)).rejects.toMatchObject({ status: 422 });
    expect(targets.changes).toEqual([]);
  });

  it('puts back the changes made before one that failed, and sends nothing', async () => {
    const { macros, runs, targets, repo } = macroSetup();
    const m = await macros.create(agata, { name: 'Сбой', actions: [{ type: 'label', labelId: REFUND }, { type: 'priority', priority: 'high' }, { type: 'note', text: 'Готово' }] });
    targets.failOn = 'priority';
    await expect(runs.runOne(agata, m.id, C1)).rejects.toThrow('priority failed');
    expect(targets.changes.map((c) => [c.kind, c.undo])).toEqual([['label', false], ['unlabel', true]]);
    expect((await targets.conversation(C1))!.labelIds).toEqual([]);
    expect([...repo.items.values()][0]).toMatchObject({ outcome: 'failed', error: 'priority failed' });
  });

  it('never applies a run twice to one conversation (a retried bulk job)', async () => {
    const { macros, runs, applier, targets, repo } = macroSetup();
    const m = await macros.create(agata, { name: 'Один раз', actions: [{ type: 'note', text: 'Проверено' }] });
    const { run } = await runs.runOne(agata, m.id, C1);
    const page = await applier.page(run.id, [{ id: C1 } as ConversationEntity], agata);
    await page.apply(C1);
    await page.end();
    expect(targets.changes.filter((c) => c.kind === 'note')).toHaveLength(1);
    expect(repo.items.size).toBe(1);
  });

  it('undoes the last run once, leaving what someone changed since and saying what stays sent', async () => {
    const { macros, runs, targets } = macroSetup();
    const m = await macros.create(agata, { name: 'Передать', actions: [{ type: 'assign', agentId: boris.id }, { type: 'priority', priority: 'low' }, { type: 'snooze', minutes: 30 }, { type: 'note', text: 'Передано' }] });
    await runs.runOne(agata, m.id, C1);
    await targets.setPriority(C1, 'urgent', { id: admin.id, name: admin.name, macro: { id: 'x', name: 'by hand', runId: 'x' } });
    const undone = await runs.undoLast(agata);
    expect(undone).toMatchObject({ reverted: 1, kept: [`${C1}: the priority, changed since`], irreversible: ['note'], run: { state: 'undone' } });
    expect(await targets.conversation(C1)).toMatchObject({ assigneeId: null, priority: 'urgent', status: 'open' });
    await expect(runs.undoLast(agata)).rejects.toMatchObject({ status: 409 });
    await expect(runs.undoLast(boris)).rejects.toMatchObject({ status: 404 });
  });

  it('sends a selection to the bulk runner only when every reference exists', async () => {
    const { macros, runs, targets, started } = macroSetup();
    const m = await macros.create(agata, { name: 'Массово', actions: [{ type: 'label', labelId: VIP }] });
    const result = await runs.runBulk(agata, m.id, { conversationIds: [C1, C2] });
    expect(result).toMatchObject({ run: { state: 'running', total: 2, bulkOperationId: 'op-1' } });
    expect(started).toEqual([[{ conversationIds: [C1, C2] }, { type: 'macro', runId: result.run.id }, agata]]);
    targets.labels.delete(VIP);
    await expect(runs.runBulk(agata, m.id, { conversationIds: [C1] })).rejects.toMatchObject({ status: 422 });
    expect(started).toHaveLength(1);
  });
});
