import { DataSource } from 'typeorm';
import type { InboxDto } from '@parley/contracts';
import { InboxEntity } from '@parley/persistence';
import { api, login } from './harness';
import { SHIPPED_TEMPLATE, useTwilioSuite, WHATSAPP_NUMBER } from './twilio-fixture';

const FOLLOW_UP = { id: 'HXabcdefabcdefabcdefabcdefabcdef02', name: 'Follow-up', variables: ['1'], body: 'Hello {{1}}, we have an update.' };

describe('editing an inbox through PATCH /api/inboxes/:id', () => {
  const t = useTwilioSuite();

  const patch = (id: string, body: unknown, token = t.token) => api<InboxDto & { message?: string }>(t.url, 'PATCH', `/api/inboxes/${id}`, body, token);
  const stored = async (id: string) => (await t.app.app.get(DataSource).getRepository(InboxEntity).findOneByOrFail({ id })).config;

  it('never returns a Twilio auth token in clear', async () => {
    const res = await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(t.account.authToken);
    expect(res.body.find((i) => i.id === t.whatsapp.id)?.config).toMatchObject({ authToken: expect.stringMatching(/^••••/), templates: [SHIPPED_TEMPLATE] });
  });

  it('renames the inbox and replaces its templates while a blank auth token keeps the stored one', async () => {
    const res = await patch(t.whatsapp.id, {
      name: '  WhatsApp shop  ',
      config: { accountSid: t.account.accountSid, authToken: '', from: WHATSAPP_NUMBER, templates: [SHIPPED_TEMPLATE, FOLLOW_UP] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'WhatsApp shop', config: { templates: [SHIPPED_TEMPLATE, FOLLOW_UP] } });
    expect(JSON.stringify(res.body)).not.toContain(t.account.authToken);
    expect(await stored(t.whatsapp.id)).toMatchObject({ authToken: t.account.authToken, apiBaseUrl: t.emulator.url, templates: [SHIPPED_TEMPLATE, FOLLOW_UP] });

    const listed = (await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i) => i.id === t.whatsapp.id);
    expect(listed).toMatchObject({ name: 'WhatsApp shop', config: { templates: [SHIPPED_TEMPLATE, FOLLOW_UP] } });
  });

  it('refuses a template whose id is not a ContentSid, and keeps the templates it had', async () => {
    const res = await patch(t.whatsapp.id, { config: { templates: [SHIPPED_TEMPLATE, { ...FOLLOW_UP, id: 'MM123' }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The whatsapp settings were refused: templates[1].id must be a Twilio ContentSid (HX followed by 32 hex characters)');
    expect((await stored(t.whatsapp.id)).templates).toEqual([SHIPPED_TEMPLATE, FOLLOW_UP]);
  });

  it('refuses two templates with one ContentSid', async () => {
    const res = await patch(t.whatsapp.id, { config: { templates: [SHIPPED_TEMPLATE, { ...FOLLOW_UP, id: SHIPPED_TEMPLATE.id }] } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      `The whatsapp settings were refused: templates[1].id ${SHIPPED_TEMPLATE.id} is already used by templates[0]: each template needs its own ContentSid`,
    );
  });

  it('removes every template when sent an empty list', async () => {
    const res = await patch(t.whatsapp.id, { config: { templates: [] } });
    expect(res.status).toBe(200);
    expect(res.body.config.templates).toEqual([]);
    expect(await patch(t.whatsapp.id, { config: { templates: [SHIPPED_TEMPLATE] } })).toMatchObject({ status: 200 });
  });

  it('refuses a rotated auth token Twilio does not accept and keeps the working one', async () => {
    const res = await patch(t.sms.id, { config: { authToken: 'not-the-account-token' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The sms settings were refused: Twilio rejected the Account SID and Auth Token');
    expect((await stored(t.sms.id)).authToken).toBe(t.account.authToken);
  });

  it('answers bad edits with clear 4xx', async () => {
    expect(await patch(t.sms.id, { name: '   ' })).toMatchObject({ status: 400, body: { message: 'name must not be empty' } });
    expect(await patch(t.sms.id, { channel: 'whatsapp' })).toMatchObject({ status: 400, body: { message: 'property channel should not exist' } });
    expect(await patch(t.sms.id, { config: 'sms' })).toMatchObject({ status: 400, body: { message: 'config must be an object' } });
    expect(await patch('01900000-0000-7000-8000-000000000000', { name: 'Ghost' })).toMatchObject({ status: 404 });

    await api(t.url, 'POST', '/api/users', { name: 'Vera', email: 'vera@parley.test', password: 'vera-password', role: 'agent' }, t.token);
    const agent = await login(t.url, { email: 'vera@parley.test', password: 'vera-password' });
    expect(await patch(t.sms.id, { name: 'Mine now' }, agent.accessToken)).toMatchObject({ status: 403 });
    expect((await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i) => i.id === t.sms.id)?.name).toBe('SMS');
  });

  it('keeps a blank SMTP password and clears one sent as null', async () => {
    const created = await api<InboxDto>(
      t.url,
      'POST',
      '/api/inboxes',
      { name: 'Mail', channel: 'email', config: { address: 'help@shop.example', smtp: { host: 'smtp.shop.example', port: 587, secure: false, user: 'help', pass: 'smtp-password-1' } } },
      t.token,
    );
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('smtp-password');

    expect(await patch(created.body.id, { config: { smtp: { host: 'smtp2.shop.example', pass: '' } } })).toMatchObject({ status: 200 });
    expect(await stored(created.body.id)).toMatchObject({ smtp: { host: 'smtp2.shop.example', user: 'help', pass: 'smtp-password-1' } });

    const cleared = await patch(created.body.id, { config: { smtp: { user: null, pass: null } } });
    expect(cleared.status).toBe(200);
    expect((await stored(created.body.id)).smtp).toEqual({ host: 'smtp2.shop.example', port: 587, secure: false });
  });
});
