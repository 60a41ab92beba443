import { createHmac, randomBytes } from 'node:crypto';
import type { ConversationDto, CustomerDto, CustomerMergeDto, InboxDto, MergeSuggestionDto, MessageDto, WidgetSession } from '@parley/contracts';
import { WIDGET_EVENTS } from '@parley/contracts';
import type { Socket } from 'socket.io-client';
import { CustomerEntity, dataSourceOptions, MIGRATIONS, openDatabase } from '@parley/persistence';
import { api, connect, demoWebsiteToken, freshDatabaseUrl, next } from './harness';
import { SUPPORT, useEmailApp } from './email-harness';
import { eventually, inboundMessage, SMS_NUMBER, useTwilioSuite, WHATSAPP_NUMBER } from './twilio-fixture';

const word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
const mail = (from: string, name: string, text: string) =>
  `From: ${word(name)} <${from}>\r\nTo: ${SUPPORT}\r\nSubject: ${word('Вопрос по заказу')}\r\nMessage-ID: <${randomBytes(6).toString('hex')}@example.com>\r\n` +
  `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}\r\n`;

/** A web chat visitor on one app: a socket per browser, closed by the suite. */
function visitors(base: () => { url: string; token: string }) {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  return async (auth?: { visitorToken: string }) => {
    const { url, token } = base();
    const s = connect(url, '/widget', { websiteToken: await demoWebsiteToken(url, token), ...auth });
    sockets.push(s);
    const session = await next<WidgetSession>(s, WIDGET_EVENTS.session);
    return { socket: s, session };
  };
}

async function suggestionsFor(url: string, token: string, customerId: string): Promise<MergeSuggestionDto[]> {
  const res = await api<MergeSuggestionDto[]>(url, 'GET', `/api/customers/merge-suggestions?customerId=${customerId}`, undefined, token);
  expect(res.status).toBe(200);
  return res.body;
}

/** The customer a stored message ended up with, as the customer panel shows them. */
async function fullCustomerOf(t: { url: string; token: string }, m: MessageDto): Promise<CustomerDto> {
  const conversation = (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${m.conversationId}`, undefined, t.token)).body;
  return (await api<CustomerDto>(t.url, 'GET', `/api/customers/${conversation.customerId}`, undefined, t.token)).body;
}

/** The open suggestion that pairs these two customers. */
async function suggestionOf(url: string, token: string, a: string, b: string): Promise<MergeSuggestionDto | undefined> {
  return (await suggestionsFor(url, token, a)).find((s) => [s.customer.id, s.duplicate.id].includes(b));
}

describe('identity linking by email and web chat', () => {
  const t = useEmailApp();
  const visitor = visitors(() => t);
  const customerOf = (m: MessageDto) => fullCustomerOf(t, m);

  it('joins a mail to the customer whose email an agent entered, keeping their tags', async () => {
    const { socket, session } = await visitor();
    expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Здравствуйте, это Мария', clientMessageId: 'agent-mail-01' })).ok).toBe(true);
    await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, { name: 'Мария Иванова', email: 'Maria.Agent@Example.com', tags: ['vip'] }, t.token);
    const stored = t.nextMessage((m) => m.content === 'Пишу с почты');
    await t.relay(mail('maria.agent@example.com', 'Мария Иванова', 'Пишу с почты'), { from: 'maria.agent@example.com', to: [SUPPORT] });
    const customer = await customerOf(await stored);
    expect(customer.id).toBe(session.customerId);
    expect(customer.tags).toEqual(['vip']);
  });

  it('takes a pre-chat email as a suggestion, never a link, whichever comes first', async () => {
    // The visitor types the address first, then mail comes from it.
    const first = await visitor();
    expect((await first.socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Где мой заказ?', clientMessageId: 'prechat-first-01' })).ok).toBe(true);
    expect(await first.socket.emitWithAck(WIDGET_EVENTS.identify, { name: 'Мария', email: 'maria@example.com' })).toEqual({ ok: true });
    // An agent renames her in a panel that sends every field back: the typed address stays unproven.
    await api(t.url, 'PATCH', `/api/customers/${first.session.customerId}`, { name: 'Мария И.', email: 'maria@example.com' }, t.token);
    const stored = t.nextMessage((m) => m.content === 'Это Мария, пишу письмом');
    await t.relay(mail('maria@example.com', 'Мария Иванова', 'Это Мария, пишу письмом'), { from: 'maria@example.com', to: [SUPPORT] });
    const sender = await customerOf(await stored);
    expect(sender.id).not.toBe(first.session.customerId);
    expect(sender.email).toBe('maria@example.com');
    const suggestion = (await suggestionOf(t.url, t.token, sender.id, first.session.customerId))!;
    expect(suggestion).toMatchObject({ customer: { id: first.session.customerId }, duplicate: { id: sender.id } });
    expect(suggestion.evidence).toEqual([{ kind: 'prechat_email', values: ['maria@example.com', 'maria@example.com'] }]);

    // Mail first, then a visitor types that address: still a suggestion, and no mail in the widget.
    const mailed = t.nextMessage((m) => m.content === 'Письмо от Петра');
    await t.relay(mail('petr@example.ru', 'Пётр Сидоров', 'Письмо от Петра'), { from: 'petr@example.ru', to: [SUPPORT] });
    const petr = await customerOf(await mailed);
    const second = await visitor();
    expect((await second.socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Я Пётр', clientMessageId: 'prechat-second-01' })).ok).toBe(true);
    expect(await second.socket.emitWithAck(WIDGET_EVENTS.identify, { email: 'PETR@example.ru' })).toEqual({ ok: true });
    const petrSuggestion = (await suggestionOf(t.url, t.token, petr.id, second.session.customerId))!;
    expect(petrSuggestion).toMatchObject({ customer: { id: petr.id }, duplicate: { id: second.session.customerId } });
    expect(petrSuggestion.evidence.map((e) => e.kind)).toEqual(['prechat_email']);
    const back = await visitor({ visitorToken: second.session.visitorToken });
    expect(back.session.customerId).toBe(second.session.customerId);
    expect(back.session.messages.map((m) => m.content)).toEqual(['Я Пётр']);
  });

  it('links a site-verified visitor to their customer and only then shows their history', async () => {
    const inboxes = (await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body;
    const webchat = inboxes.find((i) => i.channel === 'webchat')!;
    const revealed = await api<{ identitySecret: string }>(t.url, 'GET', `/api/inboxes/${webchat.id}/identity-secret`, undefined, t.token);
    expect(revealed.status).toBe(200);
    const secret = revealed.body.identitySecret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i) => i.id === webchat.id)!;
    expect(listed.config.identitySecret).toBe(`••••${secret.slice(-4)}`);
    const sign = (id: string, key = secret) => createHmac('sha256', key).update(id).digest('hex');

    // Анна wrote by mail: her address is proven by the channel.
    const mailed = t.nextMessage((m) => m.content === 'Анна, письмо о возврате');
    await t.relay(mail('anna@example.ru', 'Анна Кузнецова', 'Анна, письмо о возврате'), { from: 'anna@example.ru', to: [SUPPORT] });
    const anna = await customerOf(await mailed);

    const laptop = await visitor();
    expect((await laptop.socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Пишу до входа', clientMessageId: 'verify-laptop-1' })).ok).toBe(true);
    const forged = await laptop.socket.emitWithAck(WIDGET_EVENTS.identityVerify, { identifier: 'anna@example.ru', identifierHash: sign('someone@example.ru') });
    expect(forged).toEqual({ ok: false, error: 'identifierHash does not match the identifier' });
    const relinked = next<WidgetSession>(laptop.socket, WIDGET_EVENTS.session);
    expect(await laptop.socket.emitWithAck(WIDGET_EVENTS.identityVerify, { identifier: 'anna@example.ru', identifierHash: sign('anna@example.ru'), name: 'Анна' })).toEqual({ ok: true });
    const session = await relinked;
    expect(session.customerId).toBe(anna.id);
    // The mail is not web chat history; the anonymous chat before logging in is hers and comes along.
    expect(session.messages.map((m) => m.content)).toEqual(['Пишу до входа']);
    expect((await laptop.socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Уже вошла в кабинет', clientMessageId: 'verify-laptop-2' })).ok).toBe(true);

    // Another browser: nothing until the site vouches for her, then her web chat history.
    const phone = await visitor();
    expect(phone.session.messages).toEqual([]);
    const phoneSession = next<WidgetSession>(phone.socket, WIDGET_EVENTS.session);
    expect(await phone.socket.emitWithAck(WIDGET_EVENTS.identityVerify, { identifier: 'anna@example.ru', identifierHash: sign('anna@example.ru') })).toEqual({ ok: true });
    expect((await phoneSession).messages.map((m) => m.content)).toEqual(['Пишу до входа', 'Уже вошла в кабинет']);
    const merged = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${anna.id}`, undefined, t.token)).body;
    expect(merged.identities.map((i) => i.externalId)).toEqual(expect.arrayContaining(['anna@example.ru', 'user:anna@example.ru']));

    // A rotated secret: hashes made with the old one stop verifying.
    const rotated = await api<{ identitySecret: string }>(t.url, 'POST', `/api/inboxes/${webchat.id}/identity-secret/rotate`, undefined, t.token);
    expect(rotated.body.identitySecret).not.toBe(secret);
    const stranger = await visitor();
    expect((await stranger.socket.emitWithAck(WIDGET_EVENTS.identityVerify, { identifier: 'anna@example.ru', identifierHash: sign('anna@example.ru') })).ok).toBe(false);
    expect((await stranger.socket.emitWithAck(WIDGET_EVENTS.identityVerify, { identifier: 'anna@example.ru', identifierHash: sign('anna@example.ru', rotated.body.identitySecret) })).ok).toBe(true);
  });
});

describe('identity linking by phone', () => {
  const t = useTwilioSuite();
  const visitor = visitors(() => t);
  const customerOfMessage = (m: MessageDto) => fullCustomerOf(t, m);

  it('joins an SMS and a WhatsApp message to the customer whose phone an agent typed as 8 916 123-45-67', async () => {
    const { socket, session } = await visitor();
    expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Добрый день', clientMessageId: 'phone-agent-01' })).ok).toBe(true);
    const saved = await api<CustomerDto>(t.url, 'PATCH', `/api/customers/${session.customerId}`, { name: 'Мария Иванова', phone: '8 916 123-45-67', attributes: { тариф: 'золотой' } }, t.token);
    expect(saved.body.phone).toBe('+79161234567');
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79161234567', body: 'СМС от Марии' });
    const sms = await customerOfMessage(await inboundMessage(t, t.sms, 'СМС от Марии'));
    expect(sms.id).toBe(session.customerId);
    expect(sms.attributes).toEqual({ тариф: 'золотой' });
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79161234567', body: 'WhatsApp от Марии', profileName: 'Маша' });
    expect((await customerOfMessage(await inboundMessage(t, t.whatsapp, 'WhatsApp от Марии'))).id).toBe(session.customerId);
  });

  it('merges a known SMS sender into the customer an agent then gave that number, as a recorded, undoable merge', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79057654321', body: 'Первая СМС' });
    const sms = await customerOfMessage(await inboundMessage(t, t.sms, 'Первая СМС'));
    const { socket, session } = await visitor();
    expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Пишу из чата', clientMessageId: 'phone-later-01' })).ok).toBe(true);
    await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, { phone: '+7 905 765-43-21' }, t.token);
    expect((await suggestionOf(t.url, t.token, sms.id, session.customerId))!.evidence.map((e) => e.kind)).toEqual(['same_phone']);
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79057654321', body: 'Вторая СМС' });
    await eventually(async () => (await api<CustomerDto>(t.url, 'GET', `/api/customers/${sms.id}`, undefined, t.token)).body.mergedIntoId === session.customerId, 'the SMS customer merged');
    const [merge] = (await api<CustomerMergeDto[]>(t.url, 'GET', `/api/customers/${session.customerId}/merges`, undefined, t.token)).body;
    expect(merge).toMatchObject({ targetCustomerId: session.customerId, sourceCustomerId: sms.id, actorName: '+79057654321 (sms)' });
    expect(merge.undoableUntil).not.toBeNull();
  });

  it('suggests, and does not link, when the number was only typed in the pre-chat form', async () => {
    const { socket, session } = await visitor();
    expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Перезвоните мне', clientMessageId: 'phone-prechat-01' })).ok).toBe(true);
    expect(await socket.emitWithAck(WIDGET_EVENTS.identify, { phone: '+7 (903) 555-11-22' })).toEqual({ ok: true });
    expect(await socket.emitWithAck(WIDGET_EVENTS.identify, { phone: 'не скажу' })).toEqual({ ok: false, error: 'phone is not a valid phone number' });
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79035551122', body: 'СМС с номера из формы' });
    const sms = await customerOfMessage(await inboundMessage(t, t.sms, 'СМС с номера из формы'));
    expect(sms.id).not.toBe(session.customerId);
    const suggestion = (await suggestionOf(t.url, t.token, sms.id, session.customerId))!;
    expect(suggestion.customer.id).toBe(session.customerId);
    expect(suggestion.evidence).toEqual([{ kind: 'prechat_phone', values: ['+79035551122', '+79035551122'] }]);
    expect((await api<CustomerDto>(t.url, 'GET', `/api/customers/${session.customerId}`, undefined, t.token)).body.mergedIntoId).toBeNull();
  });

  it('suggests customers with the same full name on another channel', async () => {
    const { socket, session } = await visitor();
    expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: 'Здравствуйте', clientMessageId: 'same-name-01' })).ok).toBe(true);
    await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, { name: 'Семён Ёлкин' }, t.token);
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79267778899', body: 'Это Семён', profileName: 'СЕМЕН ЕЛКИН' });
    const wa = await customerOfMessage(await inboundMessage(t, t.whatsapp, 'Это Семён'));
    const suggestion = await eventually(() => suggestionOf(t.url, t.token, wa.id, session.customerId), 'a same-name suggestion');
    expect(suggestion).toMatchObject({ customer: { id: session.customerId }, duplicate: { id: wa.id } });
    expect(suggestion.evidence).toEqual([{ kind: 'same_name', values: ['Семён Ёлкин', 'СЕМЕН ЕЛКИН'] }]);

    // The other way round: a WhatsApp customer first, then a visitor gives that name before chatting.
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79261112233', body: 'Это Ольга', profileName: 'Ольга Смирнова' });
    const olga = await customerOfMessage(await inboundMessage(t, t.whatsapp, 'Это Ольга'));
    const later = await visitor();
    expect(await later.socket.emitWithAck(WIDGET_EVENTS.identify, { name: 'ольга  смирнова' })).toEqual({ ok: true });
    const prechat = (await suggestionOf(t.url, t.token, olga.id, later.session.customerId))!;
    expect(prechat.evidence).toEqual([{ kind: 'same_name', values: ['Ольга Смирнова', 'ольга  смирнова'] }]);
    // One-word names say too little: no suggestion for another "Ольга".
    const third = await visitor();
    expect(await third.socket.emitWithAck(WIDGET_EVENTS.identify, { name: 'Ольга' })).toEqual({ ok: true });
    expect(await suggestionsFor(t.url, t.token, third.session.customerId)).toEqual([]);
  });
});

describe('identity linking migration', () => {
  it('rewrites stored phones in E.164 and marks only channel-proven addresses as proof', async () => {
    const options = dataSourceOptions(await freshDatabaseUrl({ migrated: false }));
    const before = await openDatabase({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'IdentityLinking1765500000000')) } as typeof options);
    const p = (n: number) => (options.type === 'postgres' ? `$${n}` : '?');
    // As each driver stores a timestamp (SQLite: UTC text).
    const now = options.type === 'postgres' ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    const customer = (id: string, name: string, email: string | null, phone: string | null) =>
      before.query(`INSERT INTO customers (id, name, email, phone, attributes, tags, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`,
        [id, name, email, phone, '{}', '[]', now, now]);
    const identity = (id: string, customerId: string, channel: string, externalId: string) =>
      before.query(`INSERT INTO channel_identities (id, customer_id, channel, external_id, opted_out, created_at) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`,
        [id, customerId, channel, externalId, options.type === 'postgres' ? false : 0, now]);
    await customer('00000000-0000-7000-8000-0000000000a1', 'Мария Иванова', 'Maria@Example.com', '8 916 123-45-67');
    await identity('00000000-0000-7000-8000-0000000000b1', '00000000-0000-7000-8000-0000000000a1', 'email', 'maria@example.com');
    await customer('00000000-0000-7000-8000-0000000000a2', 'Пётр Сидоров', 'petr@example.ru', '+7 (903) 111-22-33');
    await identity('00000000-0000-7000-8000-0000000000b2', '00000000-0000-7000-8000-0000000000a2', 'sms', '+79031112233');
    await customer('00000000-0000-7000-8000-0000000000a3', 'Алёна', null, 'не телефон');
    await before.destroy();

    const after = await openDatabase(options);
    try {
      const rows = await after.getRepository(CustomerEntity).find({ order: { id: 'ASC' } });
      expect(rows.map((c) => [c.email, c.emailSource, c.phone, c.phoneSource])).toEqual([
        ['maria@example.com', 'channel', '+79161234567', null],
        ['petr@example.ru', null, '+79031112233', 'channel'],
        [null, null, 'не телефон', null],
      ]);
    } finally {
      await after.destroy();
    }
  });
});
