import type { ConversationDto, LabelDto, Page, TimelineEventDto, WidgetSession } from '@parley/contracts';
import { api, connected, login, next, useRunningApp } from './harness';

const UNKNOWN = '0190aaaa-0000-7000-8000-000000000000';

describe('labels on conversations, on this database', () => {
  const t = useRunningApp();
  let agent: string;
  const conversations: Record<string, ConversationDto> = {};
  const labels: Record<string, LabelDto> = {};

  async function conversation(key: string, text: string): Promise<void> {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    expect((await s.emitWithAck('message:send', { content: text, clientMessageId: `labels-${key}-01` })).ok).toBe(true);
    const list = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?limit=100', undefined, t.token);
    conversations[key] = list.body.items.find((c) => c.customerId === session.customerId)!;
    expect(conversations[key]).toBeDefined();
  }

  async function create(key: string, body: Record<string, unknown>): Promise<void> {
    const res = await api<LabelDto>(t.url, 'POST', '/api/labels', body, t.token);
    expect(res.status).toBe(201);
    labels[key] = res.body;
  }

  const listIds = async (query: string) => {
    const res = await api<Page<ConversationDto>>(t.url, 'GET', `/api/conversations?limit=100&${query}`, undefined, agent);
    expect(res.status).toBe(200);
    return res.body.items.map((c) => c.id);
  };

  beforeAll(async () => {
    const created = await api(t.url, 'POST', '/api/users', { name: 'Ёлкина Агата', email: 'agata@parley.test', password: 'пароль-агаты-длинный', role: 'agent' }, t.token);
    expect(created.status).toBe(201);
    agent = (await login(t.url, { email: 'agata@parley.test', password: 'пароль-агаты-длинный' })).accessToken;
    await conversation('refund', 'Верните деньги за чайник');
    await conversation('delivery', 'Где мой заказ?');
    await create('refund', { nameEn: 'Refund', nameRu: 'Возврат', colour: '#E5484D' });
    await create('vip', { nameRu: 'Ещё клиент VIP', colour: '#ffb224' });
  });

  it('lets an admin create labels with both names and a lower-case colour, and any agent list them', async () => {
    expect(labels.refund).toMatchObject({ nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d', slug: 'refund' });
    expect(labels.vip).toMatchObject({ nameEn: 'Ещё клиент VIP', nameRu: 'Ещё клиент VIP' });
    const list = await api<LabelDto[]>(t.url, 'GET', '/api/labels', undefined, agent);
    expect(list.status).toBe(200);
    expect(list.body.map((l) => l.id)).toEqual(expect.arrayContaining([labels.refund.id, labels.vip.id]));
  });

  it('keeps label administration to admins', async () => {
    expect((await api(t.url, 'POST', '/api/labels', { nameRu: 'Спам', colour: '#8e8c99' }, agent)).status).toBe(403);
    expect((await api(t.url, 'PATCH', `/api/labels/${labels.refund.id}`, { colour: '#000000' }, agent)).status).toBe(403);
    expect((await api(t.url, 'DELETE', `/api/labels/${labels.refund.id}`, undefined, agent)).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/labels')).status).toBe(401);
  });

  it('refuses a bad colour or no name with a 400 that says why', async () => {
    const colour = await api(t.url, 'POST', '/api/labels', { nameRu: 'Спам', colour: 'красный' }, t.token);
    expect(colour.status).toBe(400);
    expect(colour.body).toMatchObject({ code: 'label_colour_invalid' });
    const noName = await api(t.url, 'POST', '/api/labels', { nameEn: ' ', nameRu: '', colour: '#8e8c99' }, t.token);
    expect([noName.status, noName.body.code]).toEqual([400, 'label_name_required']);
    const missing = await api(t.url, 'POST', '/api/labels', { nameRu: 'Спам' }, t.token);
    expect(missing.status).toBe(400);
    const long = await api(t.url, 'POST', '/api/labels', { nameRu: 'ё'.repeat(51), colour: '#8e8c99' }, t.token);
    expect([long.status, long.body.code]).toEqual([400, 'label_name_too_long']);
  });

  it('refuses a name another label has, whatever its case and ё, with a 409', async () => {
    const same = await api(t.url, 'POST', '/api/labels', { nameEn: 'Refunds', nameRu: 'ВОЗВРАТ', colour: '#0090ff' }, t.token);
    expect([same.status, same.body.code]).toEqual([409, 'label_name_taken']);
    const yo = await api(t.url, 'POST', '/api/labels', { nameEn: 'Another VIP', nameRu: 'еще КЛИЕНТ vip', colour: '#0090ff' }, t.token);
    expect(yo.status).toBe(409);
    const renamed = await api(t.url, 'PATCH', `/api/labels/${labels.vip.id}`, { nameEn: 'refund' }, t.token);
    expect(renamed.status).toBe(409);
  });

  it('404s unknown labels and 400s malformed ids', async () => {
    expect((await api(t.url, 'PATCH', `/api/labels/${UNKNOWN}`, { colour: '#000000' }, t.token)).status).toBe(404);
    expect((await api(t.url, 'DELETE', `/api/labels/${UNKNOWN}`, undefined, t.token)).status).toBe(404);
    expect((await api(t.url, 'DELETE', '/api/labels/not-an-id', undefined, t.token)).status).toBe(400);
  });

  it('lets an admin rename and recolour a label', async () => {
    const res = await api<LabelDto>(t.url, 'PATCH', `/api/labels/${labels.vip.id}`, { nameEn: 'VIP', colour: '#30A46C' }, t.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: labels.vip.id, nameEn: 'VIP', nameRu: 'Ещё клиент VIP', colour: '#30a46c' });
    labels.vip = res.body;
  });

  it('adds a label as an agent: the conversation carries it, consoles hear of it, the timeline says so', async () => {
    const socket = t.open('/agents', { token: t.token });
    await connected(socket);
    const c = conversations.refund;
    const live = next<ConversationDto>(socket, 'conversation.updated', (u) => u.id === c.id && !!u.labels?.length);
    const liveEvent = next<TimelineEventDto>(socket, 'timeline.created', (e) => e.type === 'label_added' && e.conversationId === c.id);
    const res = await api<ConversationDto>(t.url, 'POST', `/api/conversations/${c.id}/labels`, { labelId: labels.refund.id }, agent);
    expect(res.status).toBe(200);
    const chip = { id: labels.refund.id, nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' };
    expect(res.body.labels).toEqual([chip]);
    expect((await live).labels).toEqual([chip]);
    expect(await liveEvent).toMatchObject({ authorName: 'Ёлкина Агата', data: { labelId: labels.refund.id, nameRu: 'Возврат' } });
    expect((await api<ConversationDto>(t.url, 'GET', `/api/conversations/${c.id}`, undefined, agent)).body.labels).toEqual([chip]);
    const timeline = await api<Page<TimelineEventDto>>(t.url, 'GET', `/api/customers/${c.customerId}/timeline`, undefined, agent);
    expect(timeline.body.items.filter((e) => e.type === 'label_added')).toEqual([
      expect.objectContaining({ conversationId: c.id, title: 'Refund / Возврат', data: { labelId: labels.refund.id, nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' } }),
    ]);
  });

  it('adds a label already there once', async () => {
    const c = conversations.refund;
    const again = await api<ConversationDto>(t.url, 'POST', `/api/conversations/${c.id}/labels`, { labelId: labels.refund.id }, agent);
    expect(again.status).toBe(200);
    expect(again.body.labels?.map((l) => l.id)).toEqual([labels.refund.id]);
    const timeline = await api<Page<TimelineEventDto>>(t.url, 'GET', `/api/customers/${c.customerId}/timeline`, undefined, agent);
    expect(timeline.body.items.filter((e) => e.type === 'label_added')).toHaveLength(1);
  });

  it('404s an unknown conversation or label, and 400s a malformed label id', async () => {
    const c = conversations.delivery;
    expect((await api(t.url, 'POST', `/api/conversations/${UNKNOWN}/labels`, { labelId: labels.refund.id }, agent)).status).toBe(404);
    const unknownLabel = await api(t.url, 'POST', `/api/conversations/${c.id}/labels`, { labelId: UNKNOWN }, agent);
    expect([unknownLabel.status, unknownLabel.body.code]).toEqual([404, 'label_not_found']);
    expect((await api(t.url, 'POST', `/api/conversations/${c.id}/labels`, { labelId: 'возврат' }, agent)).status).toBe(400);
    expect((await api(t.url, 'POST', `/api/conversations/${c.id}/labels`, {}, agent)).status).toBe(400);
    expect((await api(t.url, 'DELETE', `/api/conversations/${c.id}/labels/${UNKNOWN}`, undefined, agent)).status).toBe(404);
  });

  it('fills every row of the list with its labels and filters by all the labels asked for', async () => {
    const both = conversations.delivery;
    for (const label of [labels.vip, labels.refund]) {
      expect((await api(t.url, 'POST', `/api/conversations/${both.id}/labels`, { labelId: label.id }, agent)).status).toBe(200);
    }
    const list = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?limit=100', undefined, agent);
    const row = list.body.items.find((c) => c.id === both.id)!;
    expect(row.labels?.map((l) => l.nameRu)).toEqual(['Ещё клиент VIP', 'Возврат']);
    expect(list.body.items.every((c) => Array.isArray(c.labels))).toBe(true);
    expect((await listIds(`label=${labels.refund.id}`)).sort()).toEqual([conversations.refund.id, both.id].sort());
    expect(await listIds(`label=${labels.refund.id},${labels.vip.id}`)).toEqual([both.id]);
    expect(await listIds(`label=${labels.vip.id}&label=${labels.refund.id}`)).toEqual([both.id]);
    expect(await listIds(`label=${UNKNOWN}`)).toEqual([]);
    expect((await api(t.url, 'GET', '/api/conversations?label=vip', undefined, agent)).status).toBe(400);
  });

  it('removes a label with a label_removed event; removing it again changes nothing', async () => {
    const c = conversations.delivery;
    const res = await api<ConversationDto>(t.url, 'DELETE', `/api/conversations/${c.id}/labels/${labels.vip.id}`, undefined, agent);
    expect(res.status).toBe(200);
    expect(res.body.labels?.map((l) => l.id)).toEqual([labels.refund.id]);
    expect((await api(t.url, 'DELETE', `/api/conversations/${c.id}/labels/${labels.vip.id}`, undefined, agent)).status).toBe(200);
    const timeline = await api<Page<TimelineEventDto>>(t.url, 'GET', `/api/customers/${c.customerId}/timeline`, undefined, agent);
    expect(timeline.body.items.filter((e) => e.type === 'label_removed').map((e) => e.data?.nameRu)).toEqual(['Ещё клиент VIP']);
  });

  it('deletes a label from every conversation, keeping the timeline events that named it', async () => {
    const c = conversations.refund;
    expect((await api(t.url, 'DELETE', `/api/labels/${labels.refund.id}`, undefined, t.token)).status).toBe(204);
    expect((await api<ConversationDto>(t.url, 'GET', `/api/conversations/${c.id}`, undefined, agent)).body.labels).toEqual([]);
    expect(await listIds(`label=${labels.refund.id}`)).toEqual([]);
    const timeline = await api<Page<TimelineEventDto>>(t.url, 'GET', `/api/customers/${c.customerId}/timeline`, undefined, agent);
    expect(timeline.body.items.some((e) => e.type === 'label_added' && e.data?.nameRu === 'Возврат')).toBe(true);
    // The name is free again.
    expect((await api(t.url, 'POST', '/api/labels', { nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' }, t.token)).status).toBe(201);
  });
});
