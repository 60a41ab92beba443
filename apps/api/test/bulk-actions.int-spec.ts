import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import type { BulkOperationDto, ConversationDto, LabelDto, SavedViewDto, ViewCounts } from '@parley/contracts';
import { TimelineEventEntity } from '@parley/persistence';
import { next, useRunningApp } from './harness';
import { routingFixtures } from './routing-fixtures';
import { viewsFixtures } from './views-fixtures';

const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('bulk actions on conversations', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);
  const v = viewsFixtures(t);

  const finished = (id: string, token = t.token) =>
    v.eventually(`bulk operation ${id} finished`, async () => {
      const op = (await v.call<BulkOperationDto>('GET', `/api/bulk-operations/${id}`, undefined, token)).body;
      return op.state === 'done' || op.state === 'failed' ? op : null;
    });

  it('resolves a view of 1,200 conversations in the background: 202 at once, every one changed with its timeline event', async () => {
    const team = await f.team(`Массово ${randomBytes(2).toString('hex')}`, {});
    const seeded = await v.seed(1200, { teamId: team.id, priority: 'urgent' });
    const view = (await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Срочные открытые', filters: { teamId: team.id, status: 'open', priority: 'urgent' } })).body;
    const socket = t.open('/agents', { token: t.token });
    const progressDone = next<BulkOperationDto>(socket, 'bulk.progress', (op) => op.state === 'done', 110_000);

    const started = Date.now();
    const accepted = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', { viewId: view.id, action: { type: 'status', status: 'resolved' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(accepted).toMatchObject({ status: 202, body: { state: 'queued', total: 1200, done: 0, failed: 0 } });

    const op = await finished(accepted.body.id);
    expect(op).toMatchObject({ state: 'done', total: 1200, done: 1200, failed: 0, errors: [] });
    expect(await progressDone).toMatchObject({ id: op.id, done: 1200 });
    expect((await v.call<ViewCounts>('GET', '/api/views/counts')).body[view.id]).toBe(0);
    const ids = seeded.map((c) => c.id);
    const events = await v.db().getRepository(TimelineEventEntity).countBy({ conversationId: In(ids), type: 'status_changed' });
    expect(events).toBe(1200);
  }, 120_000);

  it('reports a conversation it could not change and changes the others', async () => {
    const team = await f.team(`Ошибки ${randomBytes(2).toString('hex')}`, {});
    const seeded = await v.seed(3, { teamId: team.id });
    const accepted = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', {
      conversationIds: [...seeded.map((c) => c.id), UNKNOWN], action: { type: 'priority', priority: 'high' },
    });
    expect(accepted.status).toBe(202);
    const op = await finished(accepted.body.id);
    expect(op).toMatchObject({ state: 'done', total: 4, done: 3, failed: 1, errors: [`${UNKNOWN}: Conversation ${UNKNOWN} not found`] });
    for (const c of seeded) expect((await v.call<ConversationDto>('GET', `/api/conversations/${c.id}`)).body.priority).toBe('high');
  });

  it('assigns the matches of a filter to an agent, each on the timeline', async () => {
    const anna = await f.agent('Анна Массово');
    const team = await f.team(`Назначить ${randomBytes(2).toString('hex')}`, {});
    const seeded = await v.seed(5, { teamId: team.id });
    const accepted = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', { filter: { teamId: team.id, unassigned: true }, action: { type: 'assign', assigneeId: anna.id } });
    expect(await finished(accepted.body.id)).toMatchObject({ state: 'done', done: 5 });
    const events = await v.db().getRepository(TimelineEventEntity).countBy({ conversationId: In(seeded.map((c) => c.id)), type: 'assigned' });
    expect(events).toBe(5);
  });

  it('labels a view once per conversation, each with its label_added event, then unlabels the ones carrying it', async () => {
    const suffix = randomBytes(2).toString('hex');
    const team = await f.team(`Метки ${suffix}`, {});
    const seeded = await v.seed(6, { teamId: team.id });
    const ids = seeded.map((c) => c.id);
    const label = (await v.call<LabelDto>('POST', '/api/labels', { nameEn: `Bulk ${suffix}`, nameRu: `Массовая ${suffix}`, colour: '#e5484d' })).body;
    expect((await v.call('POST', `/api/conversations/${ids[0]}/labels`, { labelId: label.id })).status).toBe(200);
    const view = (await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: `Метки ${suffix}`, filters: { teamId: team.id } })).body;

    const labelled = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', { viewId: view.id, action: { type: 'label', labelId: label.id } });
    expect(labelled.status).toBe(202);
    expect(await finished(labelled.body.id)).toMatchObject({ state: 'done', total: 6, done: 6, failed: 0 });
    for (const id of ids) expect((await v.call<ConversationDto>('GET', `/api/conversations/${id}`)).body.labels?.map((l) => l.id)).toEqual([label.id]);
    const added = await v.db().getRepository(TimelineEventEntity).findBy({ conversationId: In(ids), type: 'label_added' });
    expect(added.map((e) => e.conversationId).sort()).toEqual([...ids].sort());

    const unlabelled = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', { filter: { teamId: team.id, labelIds: [label.id] }, action: { type: 'unlabel', labelId: label.id } });
    expect(await finished(unlabelled.body.id)).toMatchObject({ state: 'done', total: 6, done: 6, failed: 0 });
    expect(await v.db().getRepository(TimelineEventEntity).countBy({ conversationId: In(ids), type: 'label_removed' })).toBe(6);
    expect((await v.call<ConversationDto>('GET', `/api/conversations/${ids[5]}`)).body.labels ?? []).toEqual([]);
  });

  it('refuses an unknown view or label (404), a bad filter or action (400), and hides another agent’s operation', async () => {
    const action = { type: 'status', status: 'resolved' };
    expect((await v.call('POST', '/api/conversations/bulk', { viewId: UNKNOWN, action })).status).toBe(404);
    const unknownLabel = await v.call('POST', '/api/conversations/bulk', { filter: {}, action: { type: 'label', labelId: UNKNOWN } });
    expect(unknownLabel).toMatchObject({ status: 404, body: { message: `Label ${UNKNOWN} not found` } });
    expect((await v.call('POST', '/api/conversations/bulk', { filter: {}, action: { type: 'unlabel', labelId: UNKNOWN } })).status).toBe(404);
    const badFilter = await v.call('POST', '/api/conversations/bulk', { filter: { priority: 'очень срочно' }, action });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toContain('filters.priority must be one of low, normal, high, urgent');
    expect((await v.call('POST', '/api/conversations/bulk', { filter: {}, action: { type: 'закрыть' } })).status).toBe(400);
    expect((await v.call('POST', '/api/conversations/bulk', { filter: {}, viewId: UNKNOWN, action })).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, () => UNKNOWN);
    expect((await v.call('POST', '/api/conversations/bulk', { conversationIds: tooMany, action })).status).toBe(400);

    const boris = await f.agent('Борис Чужой');
    const team = await f.team(`Чужое ${randomBytes(2).toString('hex')}`, {});
    await v.seed(1, { teamId: team.id });
    const mine = await v.call<BulkOperationDto>('POST', '/api/conversations/bulk', { filter: { teamId: team.id }, action: { type: 'priority', priority: 'low' } });
    expect((await v.call('GET', `/api/bulk-operations/${mine.body.id}`, undefined, boris.token)).status).toBe(404);
    expect((await v.call('GET', `/api/bulk-operations/${UNKNOWN}`)).status).toBe(404);
  });
});
