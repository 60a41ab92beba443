import { WIDGET_EVENTS, type WidgetSendAck } from '@parley/contracts';
import { connect, demoWebsiteToken, login, next, startApp, type RunningApp } from './harness';

/** Issue 14, item 6: errors in the reader's language (Accept-Language, the widget's locale), English by default, with a stable code. */
describe('errors in Russian and English', () => {
  let t: RunningApp;
  let token: string;

  const call = async (method: string, path: string, body: unknown, language?: string, auth = true) => {
    const res = await fetch(t.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
        ...(language ? { 'accept-language': language } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { statusCode: number; code: string; message: string } };
  };

  beforeAll(async () => {
    t = await startApp();
    token = (await login(t.url)).accessToken;
  });
  afterAll(() => t?.close());

  const badUser = { name: 'Мария'.repeat(50), email: 'мария-без-собаки', password: 'пароль-достаточно-длинный', role: 'boss', nickname: 'Маша' };

  it('answers the same bad request in Russian for ru and in English for en', async () => {
    const ru = await call('POST', '/api/users', badUser, 'ru-RU,ru;q=0.9,en;q=0.8');
    expect(ru.status).toBe(400);
    expect(ru.body.code).toBe('validation_failed');
    for (const sentence of [
      'Поле «nickname» не предусмотрено',
      'Поле «name» должно быть не длиннее 200 символов',
      'Поле «email» должно быть адресом электронной почты',
      'Поле «role» должно быть одним из значений: agent, supervisor, admin',
    ]) expect(ru.body.message).toContain(sentence);

    const en = await call('POST', '/api/users', badUser, 'en-US,en;q=0.9');
    expect(en.status).toBe(400);
    expect(en.body.code).toBe('validation_failed');
    expect(en.body.message).toContain('property nickname should not exist');
    expect(en.body.message).toContain('name must be shorter than or equal to 200 characters');
    expect(en.body.message).not.toMatch(/[а-яё]{4}/i);

    const none = await call('POST', '/api/users', badUser);
    expect(none.body.message).toBe(en.body.message);
  });

  it('words our own errors by code: invalid id, not found, sign-in, password policy', async () => {
    expect(await call('GET', '/api/customers/не-id', undefined, 'ru')).toEqual({ status: 400, body: { statusCode: 400, code: 'invalid_id', message: 'Неверный идентификатор: не-id' } });
    expect((await call('GET', '/api/customers/не-id', undefined, 'en')).body.message).toBe('Malformed id: не-id');

    const id = '0b5f7c1e-3d6a-4a44-9b1e-2f0c9d8e7a61';
    const missing = await call('GET', `/api/conversations/${id}`, undefined, 'ru');
    expect(missing).toEqual({ status: 404, body: { statusCode: 404, code: 'conversation_not_found', message: `Диалог ${id} не найден` } });

    const wrong = await call('POST', '/api/auth/login', { email: 'admin@parley.test', password: 'совсем-не-тот-пароль' }, 'ru', false);
    expect(wrong).toEqual({ status: 401, body: { statusCode: 401, code: 'auth_wrong_credentials', message: 'Неверный email или пароль' } });

    const anonymous = await call('GET', '/api/customers', undefined, 'ru', false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/[а-яё]/i);

    const weak = await call('POST', '/api/users', { name: 'Ольга', email: 'olga@example.com', password: 'короткий', role: 'agent' }, 'ru');
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'password_too_short', message: 'Пароль должен быть не короче 10 символов' });
  });

  it('refuses a widget in the visitor language it sent in the handshake', async () => {
    const unknown = connect(t.url, '/widget', { websiteToken: 'нет-такого', locale: 'ru' });
    const refused = await new Promise<Error>((resolve) => unknown.once('connect_error', resolve));
    expect(refused.message).toBe('Неизвестный websiteToken');
    unknown.close();

    const websiteToken = await demoWebsiteToken(t.url, token);
    const visitor = connect(t.url, '/widget', { websiteToken, locale: 'ru' });
    await next(visitor, WIDGET_EVENTS.session);
    const ack: WidgetSendAck = await visitor.emitWithAck(WIDGET_EVENTS.messageSend, { content: '   ', clientMessageId: 'пусто-0001' });
    expect(ack).toEqual({ ok: false, error: 'Сообщение не должно быть пустым' });
    // The pre-chat form and identity verification answer in the same language.
    expect(await visitor.emitWithAck(WIDGET_EVENTS.identify, { name: 'Мария', phone: 'не скажу' })).toEqual({ ok: false, error: 'Номер телефона указан неверно' });
    expect(await visitor.emitWithAck(WIDGET_EVENTS.identify, { email: 'мария@' })).toEqual({ ok: false, error: 'Адрес электронной почты указан неверно' });
    visitor.close();

    const english = connect(t.url, '/widget', { websiteToken });
    await next(english, WIDGET_EVENTS.session);
    expect(await english.emitWithAck(WIDGET_EVENTS.messageSend, { content: '   ', clientMessageId: 'empty-0001' })).toEqual({ ok: false, error: 'content must be a non-empty string' });
    english.close();
  });
});
