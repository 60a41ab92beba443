import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import type {
  BulkOperationDto, CannedResponseDto, ConversationDto, LabelDto, MacroDto, MacroPreviewDto, MacroRunResultDto, MacroUndoResultDto, MessageDto, Page, SavedViewDto,
} from '@parley/contracts';
import { MessageEntity, TimelineEventEntity } from '@parley/persistence';
import { useRunningApp } from './harness';
import { routingFixtures } from './routing-fixtures';
import { viewsFixtures } from './views-fixtures';

const UNKNOWN = '01900000-0000-7000-8000-0000000000aa';

describe('macros, on this database', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);
  const v = viewsFixtures(t);
  let agata: { id: string; token: string };
  let boris: { id: string; token: string };
  let refund: LabelDto;
  let ask: CannedResponseDto;
  let askName: CannedResponseDto;

  const macro = (body: Record<string, unknown>, token = agata.token) => f.call<MacroDto & { message?: string }>('POST', '/api/macros', body, token);
  const messages = async (id: string) => (await f.call<Page<MessageDto>>('GET', `/api/conversations/${id}/messages?limit=50`)).body.items;
  const finished = (id: string) => v.eventually(`bulk operation ${id} finished`, async () => {
    const op = (await f.call<BulkOperationDto>('GET', `/api/bulk-operations/${id}`, undefined, agata.token)).body;
    return op.state === 'done' || op.state === 'failed' ? op : null;
  });

  beforeAll(async () => {
    agata = await f.agent('Агата Макросова');
    boris = await f.agent('Борис Другой');
    const suffix = randomBytes(2).toString('hex');
    refund = (await f.call<LabelDto>('POST', '/api/labels', { nameEn: `Refund ${suffix}`, nameRu: `Возврат ${suffix}`, colour: '#e5484d' })).body;
    ask = (await f.call<CannedResponseDto>('POST', '/api/canned-responses', {
      shortcode: `номер-${suffix}`, title: 'Номер заказа', scope: 'shared', variants: { ru: 'Подскажите номер заказа, пожалуйста. {{agent.name}}', en: 'What is your order number? {{agent.name}}' },
    })).body;
    askName = (await f.call<CannedResponseDto>('POST', '/api/canned-responses', {
      shortcode: `имя-${suffix}`, title: 'По имени', scope: 'shared', variants: { ru: '{{customer.first_name}}, проверим заказ.' },
    })).body;
  });

  it('previews, then applies every action to one conversation, each marked with the macro on the conversation and the timeline', async () => {
    const { conversation, customerId, socket } = await f.visitorWrites('Хочу вернуть чайник');
    socket.disconnect();
    const created = await macro({
      name: 'Возврат: запросить номер', actions: [
        { type: 'label', labelId: refund.id }, { type: 'priority', priority: 'high' }, { type: 'note', text: 'Клиент просит возврат — {{agent.name}}' },
        { type: 'reply', cannedResponseId: ask.id }, { type: 'resolve' },
      ],
    });
    expect(created).toMatchObject({ status: 201, body: { scope: 'personal', ownerId: agata.id, editable: true, problems: [], refs: { 0: `${refund.nameEn} / ${refund.nameRu}`, 3: 'Номер заказа' } } });

    const preview = await f.call<MacroPreviewDto>('POST', `/api/macros/${created.body.id}/preview`, { conversationIds: [conversation.id] }, agata.token);
    expect(preview.status).toBe(200);
    expect(preview.body.conversations[0]).toMatchObject({ conversationId: conversation.id, ok: true });
    expect(preview.body.conversations[0].actions.map((a) => [a.type, a.changes, a.irreversible])).toEqual([
      ['label', true, false], ['priority', true, false], ['note', true, true], ['reply', true, true], ['resolve', true, false],
    ]);
    expect(preview.body.conversations[0].actions[3]).toMatchObject({ text: 'Подскажите номер заказа, пожалуйста. Агата Макросова', language: 'ru' });

    const ran = await f.call<MacroRunResultDto>('POST', `/api/macros/${created.body.id}/run`, { conversationId: conversation.id }, agata.token);
    expect(ran).toMatchObject({ status: 200, body: { run: { state: 'applied', total: 1, applied: 1, failed: 0, irreversible: ['note', 'reply'] } } });
    expect(await f.conversation(conversation.id)).toMatchObject({ status: 'resolved', priority: 'high', labels: [{ id: refund.id }] });
    const sent = (await messages(conversation.id)).filter((m) => m.direction === 'outbound');
    expect(sent.map((m) => [m.private, m.content, (m.metadata?.macro as { name: string })?.name]).sort()).toEqual([
      [false, 'Подскажите номер заказа, пожалуйста. Агата Макросова', 'Возврат: запросить номер'],
      [true, 'Клиент просит возврат — Агата Макросова', 'Возврат: запросить номер'],
    ]);
    const events = (await f.timeline(customerId)).filter((e) => e.data?.macro);
    expect(events.map((e) => e.type).sort()).toEqual(['label_added', 'message', 'note', 'priority_changed', 'status_changed']);
    expect(events.every((e) => e.data.macro.name === 'Возврат: запросить номер' && e.data.macro.runId === ran.body.run.id)).toBe(true);

    // Undo: the label, priority and status go back; the messages stay sent, and say so.
    const undone = await f.call<MacroUndoResultDto>('POST', '/api/macros/runs/last/undo', undefined, agata.token);
    expect(undone).toMatchObject({ status: 200, body: { reverted: 1, kept: [], irreversible: ['note', 'reply'], run: { state: 'undone' } } });
    expect(await f.conversation(conversation.id)).toMatchObject({ status: 'open', priority: 'normal', labels: [] });
    expect((await messages(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(2);
    expect((await f.call('POST', '/api/macros/runs/last/undo', undefined, agata.token)).status).toBe(409);
  });

  it('refuses a macro whose label was deleted (422 naming it) and a reply with an unfilled placeholder, applying nothing', async () => {
    const { conversation, socket } = await f.visitorWrites('Где заказ?');
    socket.disconnect();
    const suffix = randomBytes(2).toString('hex');
    const doomed = (await f.call<LabelDto>('POST', '/api/labels', { nameEn: `Doomed ${suffix}`, nameRu: `Удалённая ${suffix}`, colour: '#00aa00' })).body;
    const created = (await macro({ name: 'С меткой', actions: [{ type: 'priority', priority: 'urgent' }, { type: 'label', labelId: doomed.id }, { type: 'note', text: 'Проверено' }] })).body;
    expect((await f.call('DELETE', `/api/labels/${doomed.id}`)).status).toBe(204);

    const listed = (await f.call<MacroDto[]>('GET', '/api/macros', undefined, agata.token)).body.find((m) => m.id === created.id)!;
    expect(listed.problems).toEqual([expect.objectContaining({ action: 1, code: 'label_deleted', params: { name: `Doomed ${suffix} / Удалённая ${suffix}` } })]);
    const preview = (await f.call<MacroPreviewDto>('POST', `/api/macros/${created.id}/preview`, { conversationIds: [conversation.id] }, agata.token)).body;
    expect(preview.conversations[0].ok).toBe(false);
    const refused = await f.call('POST', `/api/macros/${created.id}/run`, { conversationId: conversation.id }, agata.token);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe(`Macro "С меткой" cannot run: Action 2: the label "Doomed ${suffix} / Удалённая ${suffix}" was deleted`);
    expect(await f.conversation(conversation.id)).toMatchObject({ priority: 'normal' });
    expect((await messages(conversation.id)).filter((m) => m.direction === 'outbound')).toEqual([]);

    // The customer has no name: {{customer.first_name}} cannot be filled, so neither the priority nor the reply happen.
    const named = (await macro({ name: 'По имени', actions: [{ type: 'priority', priority: 'urgent' }, { type: 'reply', cannedResponseId: askName.id }] })).body;
    const unfilled = await f.call('POST', `/api/macros/${named.id}/run`, { conversationId: conversation.id }, agata.token);
    expect(unfilled.status).toBe(422);
    expect(unfilled.body.message).toContain('no value for {{customer.first_name}} in this conversation');
    expect(await f.conversation(conversation.id)).toMatchObject({ priority: 'normal' });
    expect((await messages(conversation.id)).filter((m) => m.direction === 'outbound')).toEqual([]);
  });

  it('runs five actions over a view in the background, each conversation with its events, then undoes the run', async () => {
    const team = await f.team(`Макрос ${randomBytes(2).toString('hex')}`, {});
    const other = await f.team(`Вторая ${randomBytes(2).toString('hex')}`, {});
    const seeded = await v.seed(30, { teamId: team.id });
    const ids = seeded.map((c) => c.id);
    const view = (await f.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Команда макроса', filters: { teamId: team.id, status: 'open' } }, agata.token)).body;
    const created = (await macro({
      name: 'Разобрать очередь', actions: [
        { type: 'label', labelId: refund.id }, { type: 'priority', priority: 'low' }, { type: 'assign', agentId: boris.id },
        { type: 'note', text: 'Разобрано макросом' }, { type: 'snooze', minutes: 60 },
      ],
    })).body;
    const preview = (await f.call<MacroPreviewDto>('POST', `/api/macros/${created.id}/preview`, { viewId: view.id }, agata.token)).body;
    expect(preview).toMatchObject({ total: 30 });
    expect(preview.conversations).toHaveLength(20);

    const accepted = await f.call<MacroRunResultDto>('POST', `/api/macros/${created.id}/run`, { viewId: view.id }, agata.token);
    expect(accepted).toMatchObject({ status: 202, body: { run: { state: 'running', total: 30 }, operation: { state: 'queued', total: 30 } } });
    expect(await finished(accepted.body.operation!.id)).toMatchObject({ state: 'done', done: 30, failed: 0 });
    const last = (await f.call('GET', '/api/macros/runs/last', undefined, agata.token)).body;
    expect(last).toMatchObject({ id: accepted.body.run.id, state: 'applied', applied: 30, failed: 0 });
    for (const id of ids.slice(0, 3)) expect(await f.conversation(id)).toMatchObject({ status: 'snoozed', priority: 'low', assigneeId: boris.id, labels: [{ id: refund.id }] });
    const byMacro = await v.db().getRepository(TimelineEventEntity).findBy({ conversationId: In(ids) });
    expect(byMacro.filter((e) => e.data?.macro?.runId === accepted.body.run.id)).toHaveLength(30 * 5);
    expect(await v.db().getRepository(MessageEntity).countBy({ conversationId: In(ids), private: true })).toBe(30);

    // Someone moves one conversation to another team and reassigns it meanwhile: its agent is kept.
    expect((await f.call('POST', `/api/conversations/${ids[0]}/assignment`, { agentId: agata.id, teamId: other.id })).status).toBeLessThan(300);
    const undone = await f.call<MacroUndoResultDto>('POST', '/api/macros/runs/last/undo', undefined, agata.token);
    expect(undone).toMatchObject({ status: 200, body: { reverted: 30, kept: [`${ids[0]}: the agent, changed since`], irreversible: ['note'] } });
    for (const id of ids.slice(1, 4)) expect(await f.conversation(id)).toMatchObject({ status: 'open', priority: 'normal', assigneeId: null, labels: [] });
    expect(await f.conversation(ids[0])).toMatchObject({ assigneeId: agata.id, status: 'open', priority: 'normal' });
  }, 120_000);

  it('scopes macros as canned responses: agents write their own, admins the shared ones, others cannot see a personal one', async () => {
    const personal = (await macro({ name: 'Моё', actions: [{ type: 'priority', priority: 'high' }] })).body;
    expect((await f.call('GET', `/api/macros/${personal.id}`, undefined, boris.token)).status).toBe(404);
    expect((await f.call('PATCH', `/api/macros/${personal.id}`, { name: 'Чужое' }, boris.token)).status).toBe(404);
    expect((await macro({ name: 'Для всех', scope: 'shared', actions: [{ type: 'resolve' }] })).status).toBe(403);

    const shared = await macro({ name: 'Для всех', scope: 'shared', actions: [{ type: 'resolve' }] }, t.token);
    expect(shared).toMatchObject({ status: 201, body: { scope: 'shared' } });
    const seen = (await f.call<MacroDto[]>('GET', '/api/macros', undefined, boris.token)).body;
    expect(seen.find((m) => m.id === shared.body.id)).toMatchObject({ editable: false });
    expect((await f.call('PATCH', `/api/macros/${shared.body.id}`, { name: 'Моё теперь' }, boris.token)).status).toBe(403);
    expect((await f.call('DELETE', `/api/macros/${shared.body.id}`, undefined, boris.token)).status).toBe(403);
    expect((await f.call('PATCH', `/api/macros/${personal.id}`, { name: 'Моё, переименовано' }, agata.token))).toMatchObject({ status: 200, body: { name: 'Моё, переименовано' } });
    expect((await f.call('DELETE', `/api/macros/${personal.id}`, undefined, agata.token)).status).toBe(204);
  });

  it('resolves and asks the survey now, once, marked with the macro', async () => {
    const { conversation, customerId, socket } = await f.visitorWrites('Спасибо, всё получила');
    socket.disconnect();
    const inbox = (await f.call('GET', '/api/inboxes')).body.find((i: { channel: string }) => i.channel === 'webchat');
    expect((await f.call('PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inbox.id, type: 'csat', delayMinutes: 60, throttleDays: 30 })).status).toBe(200);
    const created = (await macro({ name: 'Закрыть с опросом', actions: [{ type: 'survey' }, { type: 'resolve' }] })).body;
    const ran = await f.call<MacroRunResultDto>('POST', `/api/macros/${created.id}/run`, { conversationId: conversation.id }, agata.token);
    expect(ran).toMatchObject({ status: 200, body: { run: { state: 'applied', irreversible: ['survey'] } } });
    const surveys = (await f.call('GET', `/api/surveys?conversationId=${conversation.id}`)).body as { state: string; type: string }[];
    expect(surveys.map((x) => [x.type, x.state])).toEqual([['csat', 'sent']]);
    const sent = (await f.timeline(customerId)).filter((e) => e.type === 'survey_sent');
    expect(sent.map((e) => e.data?.macro?.name)).toEqual(['Закрыть с опросом']);
    // Asked once: running it again finds the conversation resolved and the survey of this resolution sent.
    expect((await f.call('POST', `/api/macros/${created.id}/run`, { conversationId: conversation.id }, agata.token)).status).toBe(200);
    expect((await f.call('GET', `/api/surveys?conversationId=${conversation.id}`)).body).toHaveLength(1);
  });

  it('refuses bad macros with a clear 400 or 422 and bad runs with a 400 or 404, never a 500', async () => {
    expect((await macro({ name: '', actions: [{ type: 'resolve' }] })).status).toBe(400);
    expect((await macro({ name: 'Пусто', actions: [] })).status).toBe(400);
    const badType = await macro({ name: 'Странное', actions: [{ type: 'удалить всё' }] });
    expect(badType.status).toBe(400);
    expect(badType.body.message).toContain('actions[0].type must be one of');
    const badVariable = await macro({ name: 'Заметка', actions: [{ type: 'note', text: 'Привет, {{customer.surname}}' }] });
    expect(badVariable).toMatchObject({ status: 400, body: { message: 'actions[0].text: unknown variable {{customer.surname}}' } });
    const missing = await macro({ name: 'Нет метки', actions: [{ type: 'label', labelId: UNKNOWN }] });
    expect(missing).toMatchObject({ status: 422, body: { message: `Action 1: there is no label ${UNKNOWN}` } });
    expect((await macro({ name: 'Нет агента', actions: [{ type: 'assign', agentId: UNKNOWN }] })).status).toBe(422);
    expect((await macro({ name: 'Два статуса', actions: [{ type: 'resolve' }, { type: 'snooze', minutes: 5 }] })).status).toBe(400);

    const ok = (await macro({ name: 'Просто', actions: [{ type: 'priority', priority: 'low' }] })).body;
    expect((await f.call('POST', `/api/macros/${ok.id}/run`, { conversationId: UNKNOWN }, agata.token)).status).toBe(404);
    expect((await f.call('POST', `/api/macros/${ok.id}/run`, { conversationId: 'не-id' }, agata.token)).status).toBe(400);
    expect((await f.call('POST', `/api/macros/${ok.id}/run`, {}, agata.token)).status).toBe(400);
    expect((await f.call('POST', `/api/macros/${UNKNOWN}/run`, { conversationId: UNKNOWN }, agata.token)).status).toBe(404);
    expect((await f.call('POST', `/api/macros/${ok.id}/preview`, { conversationIds: [] }, agata.token)).status).toBe(400);
    expect((await f.call('POST', '/api/macros/runs/last/undo', undefined, boris.token)).status).toBe(404);
    expect((await f.call('GET', '/api/macros', undefined, 'not-a-token')).status).toBe(401);
  });
});
