import type { CustomerDto, CustomerMergeDto, MergePreviewDto, MergeResultDto, MergeSuggestionDto, TimelineEventDto, WidgetSession } from '@parley/contracts';
import { MERGE_EVENTS } from '@parley/contracts';
import { api, connected, login, next, useRunningApp } from './harness';

describe('merge suggestions, preview, merge and undo', () => {
  const t = useRunningApp();
  const get = <T = any>(path: string) => api<T>(t.url, 'GET', path, undefined, t.token);
  const post = <T = any>(path: string, body?: unknown) => api<T>(t.url, 'POST', path, body, t.token);
  const patch = (id: string, body: unknown) => api<CustomerDto>(t.url, 'PATCH', `/api/customers/${id}`, body, t.token);

  /** A new web chat visitor who writes `text`: their customer id. */
  async function visitorWrites(text: string, clientMessageId: string): Promise<string> {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    const ack = await s.emitWithAck('message:send', { content: text, clientMessageId });
    expect(ack.ok).toBe(true);
    return session.customerId;
  }

  afterEach(() => {
    delete process.env.MERGE_UNDO_MINUTES;
  });

  it('stores a phone typed in any form in E.164 and refuses one that is not a number', async () => {
    const id = await visitorWrites('Здравствуйте', 'phone-e164-01');
    const saved = await patch(id, { name: 'Мария Иванова', phone: '8 916 123-45-67' });
    expect(saved.status).toBe(200);
    expect(saved.body.phone).toBe('+79161234567');
    const bad = await patch(id, { phone: 'позвоните мне' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('not a valid phone number');
    expect((await get<CustomerDto>(`/api/customers/${id}`)).body.phone).toBe('+79161234567');
  });

  it("reads a national number in the inbox's phoneRegion", async () => {
    const bad = await post('/api/inboxes', { name: 'Berlin', channel: 'webchat', config: { phoneRegion: 'Германия' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('phoneRegion');
    const inbox = await post('/api/inboxes', { name: 'Berlin', channel: 'webchat', config: { phoneRegion: 'DE' } });
    expect(inbox.status).toBe(201);
    const s = t.open('/widget', { websiteToken: inbox.body.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    expect((await s.emitWithAck('message:send', { content: 'Guten Tag, это Ганс', clientMessageId: 'region-de-0001' })).ok).toBe(true);
    const saved = await patch(session.customerId, { phone: '030 12345678' });
    expect(saved.status).toBe(200);
    expect(saved.body.phone).toBe('+493012345678');
    // The same digits mean nothing in the default region (RU).
    const other = await visitorWrites('Здравствуйте', 'region-ru-0001');
    expect((await patch(other, { phone: '030 12345678' })).status).toBe(400);
  });

  it('suggests a merge when an agent saves a phone another customer holds written differently, live to agents', async () => {
    const first = await visitorWrites('Первое обращение', 'sugg-phone-01');
    const second = await visitorWrites('Второе обращение', 'sugg-phone-02');
    await patch(first, { name: 'Пётр Сидоров', phone: '+7 (903) 111-22-33' });
    const agent = t.open('/agents', { token: t.token });
    await connected(agent);
    const announced = next<MergeSuggestionDto>(agent, MERGE_EVENTS.suggestionCreated, (s) => [s.customer.id, s.duplicate.id].includes(second));
    await patch(second, { phone: '8 903 111-22-33' });
    const live = await announced;
    expect(live.customer.id).toBe(first);
    expect(live.duplicate.id).toBe(second);
    expect(live.evidence).toEqual([{ kind: 'same_phone', values: ['8 903 111-22-33', '+79031112233'] }]);

    const listed = await get<MergeSuggestionDto[]>(`/api/customers/merge-suggestions?customerId=${second}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((s) => s.id)).toEqual([live.id]);

    expect((await post(`/api/customers/merge-suggestions/${live.id}/dismiss`)).status).toBe(204);
    expect((await get<MergeSuggestionDto[]>(`/api/customers/merge-suggestions?customerId=${second}`)).body).toEqual([]);
    // A dismissed pair is not suggested again, even when the number is saved anew.
    await patch(second, { phone: null });
    expect((await patch(second, { phone: '+7 903 111 22 33' })).body.phone).toBe('+79031112233');
    expect((await get<MergeSuggestionDto[]>(`/api/customers/merge-suggestions?customerId=${second}`)).body).toEqual([]);
  });

  it('previews, merges and undoes a merge, moving exactly what moved back', async () => {
    const target = await visitorWrites('Хочу вернуть заказ', 'undo-target-01');
    const source = await visitorWrites('Это снова я, с телефона', 'undo-source-01');
    await patch(target, { name: 'Алёна Смирнова', tags: ['vip'], attributes: { город: 'Москва' } });
    await patch(source, { email: 'alena@example.ru', tags: ['опт'], attributes: { город: 'Тула', тариф: 'базовый' } });
    await post(`/api/customers/${source}/events`, { type: 'order', title: 'Заказ №1042 оплачен' });

    const preview = await get<MergePreviewDto>(`/api/customers/${target}/merge-preview?sourceCustomerId=${source}`);
    expect(preview.status).toBe(200);
    expect(preview.body.result).toEqual({ name: 'Алёна Смирнова', email: 'alena@example.ru', phone: null, tags: ['vip', 'опт'], attributes: { город: 'Москва', тариф: 'базовый' } });
    expect(preview.body.sourceFootprint).toEqual({ conversations: 1, timelineEvents: 3, channels: ['webchat'] });
    // A preview changes nothing.
    expect((await get<CustomerDto>(`/api/customers/${source}`)).body.mergedIntoId).toBeNull();

    const merged = await post<MergeResultDto>(`/api/customers/${target}/merge`, { sourceCustomerId: source });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ id: target, email: 'alena@example.ru', tags: ['vip', 'опт'] });
    expect(merged.body.merge).toMatchObject({ targetCustomerId: target, sourceCustomerId: source, actorName: expect.any(String), undoneAt: null });
    expect(new Date(merged.body.merge.undoableUntil!).getTime()).toBeGreaterThan(Date.now());
    const history = await get<CustomerMergeDto[]>(`/api/customers/${target}/merges`);
    expect(history.body.map((m) => m.id)).toEqual([merged.body.merge.id]);

    const undone = await post<CustomerDto>(`/api/customers/merges/${merged.body.merge.id}/undo`);
    expect(undone.status).toBe(201);
    expect(undone.body).toMatchObject({ id: source, mergedIntoId: null, email: 'alena@example.ru', tags: ['опт'] });
    expect(undone.body.identities).toHaveLength(1);
    const restored = (await get<CustomerDto>(`/api/customers/${target}`)).body;
    expect(restored).toMatchObject({ name: 'Алёна Смирнова', email: null, tags: ['vip'], attributes: { город: 'Москва' } });
    expect(restored.identities).toHaveLength(1);
    const sourceTimeline = (await get(`/api/customers/${source}/timeline`)).body.items as TimelineEventDto[];
    expect(sourceTimeline.map((e) => e.type).sort()).toEqual(['conversation_opened', 'crm_event', 'message']);
    const targetTimeline = (await get(`/api/customers/${target}/timeline`)).body.items as TimelineEventDto[];
    expect(targetTimeline.map((e) => e.type).slice(0, 2)).toEqual(['customer_unmerged', 'customer_merged']);
    expect(targetTimeline[0].title).toBe(undone.body.name ?? undone.body.email);
    expect(targetTimeline.filter((e) => e.type === 'message').map((e) => e.content)).toEqual(['Хочу вернуть заказ']);

    const again = await post(`/api/customers/merges/${merged.body.merge.id}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('already undone');
  });

  it('lets an agent (not only an admin) review, merge and undo, and tells agents live', async () => {
    const created = await post('/api/users', { name: 'Ольга Агентова', email: 'olga.agent@parley.test', password: 'длинный-пароль-агента', role: 'agent' });
    expect(created.status).toBe(201);
    const agentToken = (await login(t.url, { email: 'olga.agent@parley.test', password: 'длинный-пароль-агента' })).accessToken;
    const as = <T = any>(method: string, path: string, body?: unknown) => api<T>(t.url, method, path, body, agentToken);
    const target = await visitorWrites('Мария, заказ 1', 'agent-role-01');
    const source = await visitorWrites('Мария, заказ 2', 'agent-role-02');
    await as('PATCH', `/api/customers/${target}`, { email: 'maria.ivanova@example.ru' });
    await as('PATCH', `/api/customers/${source}`, { email: 'MARIA.IVANOVA@example.ru' });
    const [suggestion] = await as<MergeSuggestionDto[]>('GET', `/api/customers/merge-suggestions?customerId=${source}`).then((r) => r.body);
    expect(suggestion.evidence).toEqual([{ kind: 'same_email', values: ['maria.ivanova@example.ru', 'maria.ivanova@example.ru'] }]);
    expect((await as('GET', `/api/customers/${target}/merge-preview?sourceCustomerId=${source}`)).status).toBe(200);

    const agent = t.open('/agents', { token: agentToken });
    await connected(agent);
    const announced = next<CustomerMergeDto>(agent, MERGE_EVENTS.customerMerged, (m) => m.sourceCustomerId === source);
    const merged = await as<MergeResultDto>('POST', `/api/customers/${target}/merge`, { sourceCustomerId: source });
    expect(merged.status).toBe(201);
    expect(await announced).toMatchObject({ id: merged.body.merge.id, targetCustomerId: target, actorName: 'Ольга Агентова' });
    // The merged pair's suggestion is settled, not left open.
    expect((await as<MergeSuggestionDto[]>('GET', `/api/customers/merge-suggestions?customerId=${target}`)).body).toEqual([]);
    expect((await as('POST', `/api/customers/merges/${merged.body.merge.id}/undo`)).status).toBe(201);

    // The web chat identity secret is an admin's only.
    const webchat = (await get<{ id: string; channel: string }[]>('/api/inboxes')).body.find((i) => i.channel === 'webchat')!;
    expect((await as('GET', `/api/inboxes/${webchat.id}/identity-secret`)).status).toBe(403);
    expect((await as('POST', `/api/inboxes/${webchat.id}/identity-secret/rotate`)).status).toBe(403);
  });

  it('refuses an undo after the grace period with a 409 and a reason', async () => {
    const target = await visitorWrites('Добрый день', 'grace-target-01');
    const source = await visitorWrites('Добрый вечер', 'grace-source-01');
    const merged = await post<MergeResultDto>(`/api/customers/${target}/merge`, { sourceCustomerId: source });
    process.env.MERGE_UNDO_MINUTES = '0';
    expect((await get<CustomerMergeDto[]>(`/api/customers/${source}/merges`)).body[0].undoableUntil).toBeNull();
    const late = await post(`/api/customers/merges/${merged.body.merge.id}/undo`);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('grace period');
    expect((await get<CustomerDto>(`/api/customers/${source}`)).body.mergedIntoId).toBe(target);
  });

  it('answers bad input with a 4xx, never a 500', async () => {
    const id = await visitorWrites('Проверка', 'bad-input-0001');
    expect((await get(`/api/customers/${id}/merge-preview`)).status).toBe(400);
    expect((await get(`/api/customers/${id}/merge-preview?sourceCustomerId=${id}`)).status).toBe(400);
    expect((await get('/api/customers/merge-suggestions?customerId=нет')).status).toBe(400);
    expect((await post('/api/customers/merge-suggestions/00000000-0000-7000-8000-00000000abcd/dismiss')).status).toBe(404);
    expect((await post('/api/customers/merges/00000000-0000-7000-8000-00000000abcd/undo')).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/customers/merge-suggestions')).status).toBe(401);
  });
});
