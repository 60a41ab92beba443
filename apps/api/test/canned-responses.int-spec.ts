import { DataSource } from 'typeorm';
import type { CannedImportResultDto, CannedResponseDto, ConversationDto, Page, RenderedCannedResponseDto, WidgetSession } from '@parley/contracts';
import { ConversationEntity } from '@parley/persistence';
import { api, connect, connected, demoWebsiteToken, login, next } from './harness';
import { inboundMessage, SHIPPED_TEMPLATE, SMS_NUMBER, useTwilioSuite, WHATSAPP_NUMBER } from './twilio-fixture';

const UNKNOWN = '0190aaaa-0000-7000-8000-000000000000';
const DELIVERY = {
  shortcode: 'Доставка', title: 'Срок доставки',
  variants: { ru: 'Здравствуйте, {{customer.first_name}}! Доставим завтра. {{agent.name}}', en: 'Hi {{customer.first_name}}, it ships tomorrow. {{agent.name}}' },
};

describe('canned responses, on this database', () => {
  const t = useTwilioSuite();
  const tokens: Record<'agata' | 'boris', string> = { agata: '', boris: '' };
  const conversations: Record<'webchat' | 'sms' | 'whatsapp', string> = { webchat: '', sms: '', whatsapp: '' };
  let teamId: string;
  let mine: CannedResponseDto;

  const as = (who: 'agata' | 'boris' | 'admin') => (who === 'admin' ? t.token : tokens[who]);
  const call = <T = any>(who: 'agata' | 'boris' | 'admin', method: string, path: string, body?: unknown) => api<T>(t.url, method, `/api/canned-responses${path}`, body, as(who));
  const render = (who: 'agata' | 'boris' | 'admin', id: string, conversationId: string, language?: string) =>
    call<RenderedCannedResponseDto>(who, 'POST', `/${id}/render`, { conversationId, ...(language ? { language } : {}) });

  async function agent(key: 'agata' | 'boris', name: string): Promise<string> {
    const email = `${key}@parley.test`;
    const created = await api(t.url, 'POST', '/api/users', { name, email, password: 'пароль-агента-длинный', role: 'agent' }, t.token);
    expect(created.status).toBe(201);
    tokens[key] = (await login(t.url, { email, password: 'пароль-агента-длинный' })).accessToken;
    return created.body.id;
  }

  beforeAll(async () => {
    const agataId = await agent('agata', 'Ёлкина Агата');
    await agent('boris', 'Борис Котов');
    const team = await api(t.url, 'POST', '/api/teams', { name: 'Доставка', strategy: 'least_busy', memberIds: [agataId] }, t.token);
    expect(team.status).toBe(201);
    teamId = team.body.id;

    const widget = connect(t.url, '/widget', { websiteToken: await demoWebsiteToken(t.url, t.token) });
    const session = await next<WidgetSession>(widget, 'session');
    expect((await widget.emitWithAck('message:send', { content: 'Где мой заказ? Жду уже неделю', clientMessageId: 'canned-web-01' })).ok).toBe(true);
    widget.disconnect();
    const list = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?limit=100', undefined, t.token);
    conversations.webchat = list.body.items.find((c) => c.customerId === session.customerId)!.id;

    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991000011', body: 'Когда привезёте?', profileName: 'Мария' });
    conversations.sms = (await inboundMessage(t, t.sms, 'Когда привезёте?')).conversationId;
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79991000012', body: 'Есть новости?', profileName: 'Иван' });
    conversations.whatsapp = (await inboundMessage(t, t.whatsapp, 'Есть новости?')).conversationId;
    await t.app.app.get(DataSource).getRepository(ConversationEntity).update({ id: conversations.whatsapp }, { lastInboundAt: new Date(Date.now() - 30 * 3600 * 1000) });
  });

  it('lets an agent save a personal response in Russian and English, and tells the consoles', async () => {
    const socket = connect(t.url, '/agents', { token: t.token });
    await connected(socket);
    const changed = next<{ id: string }>(socket, 'canned_response.changed');
    const created = await call<CannedResponseDto>('agata', 'POST', '', DELIVERY);
    socket.disconnect();
    expect(created.status).toBe(201);
    mine = created.body;
    expect(mine).toMatchObject({ shortcode: 'доставка', scope: 'personal', editable: true, variants: { ru: DELIVERY.variants.ru, en: DELIVERY.variants.en } });
    expect(await changed).toEqual({ id: mine.id });
  });

  it('keeps team and shared responses to admins, and shows each user what they may use', async () => {
    expect((await call('agata', 'POST', '', { ...DELIVERY, scope: 'shared' })).status).toBe(403);
    expect((await call('agata', 'POST', '', { ...DELIVERY, scope: 'team', teamId })).status).toBe(403);
    const team = await call<CannedResponseDto>('admin', 'POST', '', { ...DELIVERY, shortcode: 'склад', scope: 'team', teamId });
    const shared = await call<CannedResponseDto>('admin', 'POST', '', { ...DELIVERY, scope: 'shared' });
    expect([team.status, shared.status]).toEqual([201, 201]);
    const ids = async (who: 'agata' | 'boris') => (await call<CannedResponseDto[]>(who, 'GET', '')).body.map((r) => r.id).sort();
    expect(await ids('agata')).toEqual([mine.id, team.body.id, shared.body.id].sort());
    expect(await ids('boris')).toEqual([shared.body.id]);
    expect((await call('agata', 'PATCH', `/${shared.body.id}`, { title: 'Моё' })).status).toBe(403);
    expect((await call('boris', 'DELETE', `/${team.body.id}`)).status).toBe(404);
    expect((await call('boris', 'PATCH', `/${mine.id}`, { title: 'Чужое' })).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/canned-responses')).status).toBe(401);
  });

  it('refuses bad input with a 400, 404 or 409 that says why, before anything is stored', async () => {
    const unknown = await call('agata', 'POST', '', { ...DELIVERY, shortcode: 'другое', variants: { ru: 'Привет, {{customer.surname}}' } });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'canned_unknown_variable_ru']);
    expect(unknown.body.message).toContain('{{customer.surname}}');
    const badCode = await call('agata', 'POST', '', { ...DELIVERY, shortcode: 'два слова' });
    expect([badCode.status, badCode.body.code]).toEqual([400, 'canned_shortcode_invalid']);
    const taken = await call('agata', 'POST', '', { ...DELIVERY, shortcode: 'ДОСТАВКА' });
    expect([taken.status, taken.body.code]).toEqual([409, 'canned_shortcode_taken']);
    expect((await call('agata', 'POST', '', { ...DELIVERY, shortcode: 'файл', attachmentIds: [UNKNOWN] })).status).toBe(400);
    expect((await call('agata', 'POST', '', { ...DELIVERY, shortcode: 'пусто', variants: { ru: ' ' } })).body.code).toBe('canned_text_required');
    expect((await call('agata', 'PATCH', `/${UNKNOWN}`, { title: 'Нет' })).status).toBe(404);
    expect((await call('agata', 'DELETE', '/not-an-id')).status).toBe(400);
    expect((await render('agata', mine.id, UNKNOWN)).status).toBe(404);
    expect((await call('agata', 'GET', '')).body.map((r: CannedResponseDto) => r.shortcode)).not.toContain('другое');
  });

  it("renders the customer's language, reporting a name it does not have yet as missing", async () => {
    const rendered = await render('agata', mine.id, conversations.webchat);
    expect(rendered.status).toBe(200);
    expect(rendered.body).toMatchObject({ language: 'ru', text: 'Здравствуйте, {{customer.first_name}}! Доставим завтра. Ёлкина Агата', missing: ['customer.first_name'], fitness: {} });
    const c = (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${conversations.webchat}`, undefined, t.token)).body;
    expect((await api(t.url, 'PATCH', `/api/customers/${c.customerId}`, { name: 'Анна Смирнова' }, t.token)).status).toBe(200);
    expect((await render('agata', mine.id, conversations.webchat)).body).toMatchObject({ text: 'Здравствуйте, Анна! Доставим завтра. Ёлкина Агата', missing: [] });
    expect((await render('agata', mine.id, conversations.webchat, 'en')).body).toMatchObject({ language: 'en', text: 'Hi Анна, it ships tomorrow. Ёлкина Агата' });
    expect((await call('agata', 'GET', `/context/${conversations.webchat}`)).body).toEqual({ language: 'ru' });
  });

  it('keeps the files of a response and hands them to the reply with the text', async () => {
    const uploaded = await fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent('тарифы.txt')}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.agata}`, 'content-type': 'text/plain' }, body: 'Тарифы на доставку',
    });
    const file = (await uploaded.json()) as { id: string };
    const withFile = await call<CannedResponseDto>('agata', 'PATCH', `/${mine.id}`, { attachmentIds: [file.id] });
    expect(withFile.body.attachments).toEqual([expect.objectContaining({ id: file.id, fileName: 'тарифы.txt' })]);
    const rendered = await render('agata', mine.id, conversations.webchat);
    expect(rendered.body.attachments.map((a) => a.id)).toEqual([file.id]);
    const sent = await api(t.url, 'POST', `/api/conversations/${conversations.webchat}/messages`, { content: rendered.body.text, attachmentIds: [file.id] }, tokens.agata);
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([expect.objectContaining({ fileName: 'тарифы.txt' })]);
  });

  it('says how many SMS the text takes and when it is too long for the channel', async () => {
    expect((await render('agata', mine.id, conversations.sms)).body.fitness).toEqual({ smsSegments: 1, tooLong: false, maxLength: 1600 });
    const long = await call<CannedResponseDto>('agata', 'POST', '', { shortcode: 'длинный', title: 'Длинный', variants: { ru: 'Доставка '.repeat(200) } });
    expect((await render('agata', long.body.id, conversations.sms)).body.fitness).toMatchObject({ smsSegments: 27, tooLong: true });
  });

  it('offers the approved template when the WhatsApp window is closed', async () => {
    const offer = await call<CannedResponseDto>('agata', 'POST', '', { ...DELIVERY, shortcode: 'отправлен', whatsappTemplate: 'order SHIPPED' });
    const rendered = await render('agata', offer.body.id, conversations.whatsapp);
    expect(rendered.body.fitness).toEqual({ whatsappWindowClosed: true, template: { id: SHIPPED_TEMPLATE.id, name: SHIPPED_TEMPLATE.name }, tooLong: false, maxLength: 1600 });
  });

  it('exports CSV with Cyrillic and quotes, and imports a file row by row, reporting the bad rows', async () => {
    await call('agata', 'PATCH', `/${mine.id}`, { title: 'Доставка, «срочно» "сегодня"' });
    const exported = await fetch(`${t.url}/api/canned-responses/export.csv`, { headers: { authorization: `Bearer ${tokens.agata}` } });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    // Read as bytes: text() would drop the byte order mark spreadsheets need.
    const file = Buffer.from(await exported.arrayBuffer()).toString('utf8');
    expect(file.startsWith('\ufeffshortcode,title,scope,en,ru,team\r\n')).toBe(true);
    expect(file).toContain('доставка,"Доставка, «срочно» ""сегодня""",personal,');
    expect(file).toContain('склад,');

    const imported = await call<CannedImportResultDto>('boris', 'POST', '/import', {
      csv: '\ufeffshortcode,title,scope,en,ru\r\nвозврат,Возврат,personal,,"Вернём деньги, {{customer.first_name}}"\r\nобщий,Общий,shared,,Нельзя\r\n',
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ created: 1, updated: 0, errors: [{ row: 3, shortcode: 'общий', message: 'Only admins change team and shared canned responses' }] });
    expect((await call<CannedResponseDto[]>('boris', 'GET', '')).body.map((r) => r.shortcode)).toContain('возврат');
    const broken = await call('boris', 'POST', '/import', { csv: 'shortcode,title,scope,en,ru\n"возврат,Незакрытая' });
    expect(broken.status).toBe(400);
  });

  it('deletes a response its owner no longer needs', async () => {
    expect((await call('agata', 'DELETE', `/${mine.id}`)).status).toBe(204);
    expect((await call('agata', 'GET', `/${mine.id}`)).status).toBe(404);
  });
});
