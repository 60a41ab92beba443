import { randomBytes } from 'node:crypto';
import type { ConversationDto, CustomerDto, Page, SavedViewDto, ViewCounts } from '@parley/contracts';
import { useRunningApp } from './harness';
import { routingFixtures } from './routing-fixtures';
import { viewsFixtures } from './views-fixtures';

const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('saved views', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);
  const v = viewsFixtures(t);

  it('keeps personal views to their owner and shares team views with the team; only the owner or an admin changes them', async () => {
    const anna = await f.agent('Анна');
    const boris = await f.agent('Борис');
    const vera = await f.agent('Вера');
    const support = await f.team('Поддержка', { memberIds: [anna.id, boris.id] });
    const personal = await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Мои открытые', filters: { status: 'open', assigneeId: 'me' } }, anna.token);
    expect(personal).toMatchObject({ status: 201, body: { name: 'Мои открытые', teamId: null, ownerId: anna.id, editable: true } });
    const shared = await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Поддержка: срочные', filters: { priority: 'urgent' }, teamId: support.id }, anna.token);
    expect(shared.status).toBe(201);

    const names = async (token: string) => (await v.call<SavedViewDto[]>('GET', '/api/views', undefined, token)).body.map((view) => view.name);
    expect(await names(anna.token)).toEqual(['Мои открытые', 'Поддержка: срочные']);
    expect(await names(boris.token)).toEqual(['Поддержка: срочные']);
    expect(await names(vera.token)).toEqual([]);
    expect(await names(t.token)).toContain('Поддержка: срочные');
    expect(await names(t.token)).not.toContain('Мои открытые');

    expect((await v.call('PATCH', `/api/views/${shared.body.id}`, { name: 'Чужое' }, boris.token)).status).toBe(403);
    expect((await v.call('DELETE', `/api/views/${shared.body.id}`, undefined, boris.token)).status).toBe(403);
    expect((await v.call('PATCH', `/api/views/${personal.body.id}`, { name: 'Чужое' }, vera.token)).status).toBe(404);
    expect((await v.call('POST', '/api/views', { kind: 'conversations', name: 'Не моя команда', filters: {}, teamId: support.id }, vera.token)).status).toBe(403);
    const renamed = await v.call<SavedViewDto>('PATCH', `/api/views/${personal.body.id}`, { name: 'Мои: открытые', filters: { status: 'pending' } }, anna.token);
    expect(renamed.body).toMatchObject({ name: 'Мои: открытые', filters: { status: 'pending' } });
    expect((await v.call('DELETE', `/api/views/${shared.body.id}`)).status).toBe(204);
    expect(await names(boris.token)).toEqual([]);
    expect((await v.call('DELETE', `/api/views/${shared.body.id}`)).status).toBe(404);
  });

  it('counts each view for whoever opens it and pages its conversations', async () => {
    const anna = await f.agent('Анна Счёт');
    const boris = await f.agent('Борис Счёт');
    const team = await f.team(`Счёт ${randomBytes(2).toString('hex')}`, { memberIds: [anna.id, boris.id] });
    await v.seed(3, { teamId: team.id, assigneeId: anna.id, priority: 'urgent' });
    await v.seed(2, { teamId: team.id, assigneeId: boris.id, priority: 'urgent' });
    await v.seed(4, { teamId: team.id });
    const mine = (await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Мои срочные', filters: { teamId: team.id, assigneeId: 'me', priority: 'urgent' }, teamId: team.id }, anna.token)).body;
    const waiting = (await v.call<SavedViewDto>('POST', '/api/views', { kind: 'conversations', name: 'Без исполнителя', filters: { teamId: team.id, unassigned: true } }, anna.token)).body;

    expect((await v.call<ViewCounts>('GET', '/api/views/counts', undefined, anna.token)).body).toEqual({ [mine.id]: 3, [waiting.id]: 4 });
    // The same shared view counts Boris's own conversations for Boris.
    expect((await v.call<ViewCounts>('GET', '/api/views/counts', undefined, boris.token)).body).toEqual({ [mine.id]: 2 });

    const first = (await v.call<Page<ConversationDto>>('GET', `/api/views/${mine.id}/conversations?limit=2`, undefined, anna.token)).body;
    expect(first.items).toHaveLength(2);
    const second = (await v.call<Page<ConversationDto>>('GET', `/api/views/${mine.id}/conversations?limit=2&cursor=${first.nextCursor}`, undefined, anna.token)).body;
    expect(second).toMatchObject({ nextCursor: null });
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(3);
    expect([...first.items, ...second.items].every((c) => c.assigneeId === anna.id && c.priority === 'urgent')).toBe(true);
  });

  it('narrows the conversation list by SLA state, sentiment, CSAT and waiting time', async () => {
    const team = await f.team(`Фильтры ${randomBytes(2).toString('hex')}`, {});
    const [breached] = await v.seed(1, { teamId: team.id, sla: 'breached' });
    const [running] = await v.seed(1, { teamId: team.id, sla: 'running' });
    const [angry] = await v.seed(1, { teamId: team.id, sentiment: 'negative' });
    const [unhappy] = await v.seed(1, { teamId: team.id, csat: 2 });
    await v.seed(1, { teamId: team.id, csat: 5 });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const [waiting] = await v.seed(1, { teamId: team.id, lastInboundAt: twoHoursAgo, lastMessageAt: twoHoursAgo });
    await v.seed(1, { teamId: team.id, lastInboundAt: twoHoursAgo, lastMessageAt: new Date() });
    const ids = async (query: string) => (await v.call<Page<ConversationDto>>('GET', `/api/conversations?teamId=${team.id}&limit=100&${query}`)).body.items.map((c) => c.id);

    expect(await ids('slaState=breached')).toEqual([breached.id]);
    expect(await ids('slaState=running')).toEqual([running.id]);
    expect(await ids('slaState=none')).toHaveLength(5);
    expect(await ids('sentiment=negative')).toEqual([angry.id]);
    expect(await ids('csatMax=3')).toEqual([unhappy.id]);
    expect(await ids('waitingLongerThanMinutes=60')).toEqual([waiting.id]);
  });

  it('segments customers by a tag and an attribute compared in any case, and lists the segment', async () => {
    const suffix = randomBytes(3).toString('hex');
    const regular = await v.customer({ name: 'Пётр Постоянный', tags: [`ПОСТОЯННЫЙ-${suffix}`], attributes: { город: 'Москва' } });
    await v.customer({ name: 'Ольга', tags: [`постоянный-${suffix}`], attributes: { город: 'Казань' } });
    await v.customer({ name: 'Иван', tags: ['новый'], attributes: { город: 'Москва' } });
    const segment = await v.call<SavedViewDto>('POST', '/api/views', { kind: 'customers', name: 'Постоянные из Москвы', filters: { tag: `Постоянный-${suffix}`, attribute: { key: 'город', value: 'москва' } } });
    expect(segment.status).toBe(201);
    expect((await v.call<ViewCounts>('GET', '/api/views/counts')).body[segment.body.id]).toBe(1);
    const page = (await v.call<Page<CustomerDto>>('GET', `/api/views/${segment.body.id}/customers`)).body;
    expect(page.items.map((c) => c.id)).toEqual([regular.id]);
  });

  it('segments customers by their latest survey score and last contact', async () => {
    const [unhappy] = await v.seed(1, { csat: 2 });
    const [happy] = await v.seed(1, { csat: 5 });
    const since = new Date(Date.now() - 3600_000).toISOString();
    const segment = await v.call<SavedViewDto>('POST', '/api/views', { kind: 'customers', name: 'Недовольные за час', filters: { lastScore: { max: 2 }, lastContactAfter: since } });
    const ids = (await v.call<Page<CustomerDto>>('GET', `/api/views/${segment.body.id}/customers?limit=100`)).body.items.map((c) => c.id);
    expect(ids).toContain(unhappy.customerId);
    expect(ids).not.toContain(happy.customerId);
    const before = await v.call<SavedViewDto>('POST', '/api/views', { kind: 'customers', name: 'Давно не писали', filters: { lastContactBefore: since } });
    expect((await v.call<Page<CustomerDto>>('GET', `/api/views/${before.body.id}/customers?limit=100`)).body.items.map((c) => c.id)).not.toContain(unhappy.customerId);
  });

  it('refuses a bad filter with every reason, and answers 404 for an unknown view', async () => {
    const bad = await v.call('POST', '/api/views', { kind: 'conversations', name: 'Плохой', filters: { status: 'закрыт', csat: { min: 9 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('filters.status must be one of open, pending, snoozed, resolved');
    expect(bad.body.message).toContain('filters.csat must be {min?, max?}');
    expect((await v.call('POST', '/api/views', { kind: 'customers', name: 'Сегмент', filters: { status: 'open' } })).status).toBe(400);
    expect((await v.call('GET', '/api/conversations?slaState=late')).status).toBe(400);
    expect((await v.call('GET', `/api/views/${UNKNOWN}/conversations`)).status).toBe(404);
    expect((await v.call('PATCH', `/api/views/${UNKNOWN}`, { name: 'Нет' })).status).toBe(404);
    expect((await v.call('GET', '/api/views/not-an-id/conversations')).status).toBe(400);
  });
});
