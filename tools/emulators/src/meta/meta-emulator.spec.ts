import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetaEmulator, startMetaEmulator } from './meta-emulator';

/** A stand-in for Parley's webhook: answers the challenge, records what it receives. */
async function fakeParley(): Promise<{ url: string; received: { body: string; signature: string }[]; answer: number[]; close(): Promise<void> }> {
  const received: { body: string; signature: string }[] = [];
  const answer: number[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') return void res.end(url.searchParams.get('hub.verify_token') === 'vt' ? url.searchParams.get('hub.challenge') : 'nope');
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers['x-hub-signature-256']) });
      res.statusCode = answer.shift() ?? 200;
      res.end('EVENT_RECEIVED');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, answer, close: () => new Promise((r) => server.close(() => r())) };
}

describe('Meta emulator', () => {
  let parley: Awaited<ReturnType<typeof fakeParley>>;
  let emu: MetaEmulator;
  let app: { appId: string; appSecret: string };
  let page: { pageId: string; pageAccessToken: string };
  const graph = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${emu.url}/v21.0/${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token ?? page.pageAccessToken}` } })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

  beforeAll(async () => {
    parley = await fakeParley();
    emu = await startMetaEmulator({ host: '127.0.0.1', port: 0, parleyUrl: parley.url, statusStepMs: 1, retryDelayMs: 1, retries: 2 });
    app = emu.addApp();
    page = emu.addPage({ appId: app.appId });
  });
  afterAll(async () => {
    await emu.close();
    await parley.close();
  });

  it('takes a callback URL only when it answers the challenge, and signs what it sends with the app secret', async () => {
    await expect(emu.subscribe(app.appId, 'page', 'https://parley.example/webhooks/meta/x', 'wrong')).rejects.toThrow(/does not match challenge/);
    expect((await graph(`${app.appId}/subscriptions`, { method: 'POST', token: `${app.appId}|${app.appSecret}`, body: JSON.stringify({ object: 'page', callback_url: 'https://parley.example/webhooks/meta/x', verify_token: 'vt' }) })).status).toBe(200);
    expect((await graph(`${page.pageId}/subscribed_apps`, { method: 'POST' })).body).toEqual({ success: true });
    const sent = await emu.sendInbound({ channel: 'messenger', from: 'Ольга', text: 'Привет' });
    expect(sent.status).toBe(200);
    const last = parley.received[parley.received.length - 1];
    expect(last.signature).toBe(`sha256=${createHmac('sha256', app.appSecret).update(last.body).digest('hex')}`);
    expect(JSON.parse(last.body)).toMatchObject({ object: 'page', entry: [{ id: page.pageId, messaging: [{ sender: { id: sent.userId }, message: { mid: sent.mid, text: 'Привет' } }] }] });
  });

  it('refuses a bad token, and a send outside the window unless it is a human agent\'s within 7 days', async () => {
    const { userId } = await emu.sendInbound({ channel: 'messenger', from: 'Пётр', text: 'Здравствуйте' });
    const send = (extra: Record<string, unknown> = {}, token?: string) =>
      graph(`${page.pageId}/messages`, { method: 'POST', token, body: JSON.stringify({ recipient: { id: userId }, messaging_type: 'RESPONSE', message: { text: 'Ответ' }, ...extra }) });
    expect((await send({}, 'EAAwrong')).body.error).toMatchObject({ code: 190 });
    expect((await send()).body).toMatchObject({ recipient_id: userId, message_id: expect.stringMatching(/^m_/) });
    emu.ageConversation(userId, 30);
    expect((await send()).body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    expect((await send({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(200);
    emu.ageConversation(userId, 8 * 24);
    expect((await send({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).body.error).toMatchObject({ code: 10 });
  });

  it('sends an echo, a delivery and a read after each send, retrying what Parley does not take', async () => {
    await emu.settled();
    const { userId } = await emu.sendInbound({ channel: 'messenger', from: 'Сергей', text: 'Вопрос' });
    const before = parley.received.length;
    parley.answer.push(500);
    const res = await graph(`${page.pageId}/messages`, { method: 'POST', body: JSON.stringify({ recipient: { id: userId }, message: { text: 'Ответ', metadata: 'parley:1' } }) });
    await emu.settled();
    const events = parley.received.slice(before).map((r) => JSON.parse(r.body).entry[0].messaging[0]);
    expect(events.map((e) => Object.keys(e).find((k) => ['message', 'delivery', 'read'].includes(k)))).toEqual(['message', 'message', 'delivery', 'read']);
    expect(events[0].message).toMatchObject({ mid: res.body.message_id, is_echo: true, metadata: 'parley:1' });
    expect(emu.messages.get(res.body.message_id)!.status).toBe('read');
  });
});
