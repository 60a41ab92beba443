import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startViber, type RunningViberEmulator } from './viber.emulator';

const TOKEN = 'aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-cccccccccccccccc';

describe('Viber REST API emulator', () => {
  let emu: RunningViberEmulator;
  let hook: Server;
  let hookUrl: string;
  let answerWith = 200;
  const received: { signature: unknown; raw: string }[] = [];
  const api = async (method: string, body: unknown, token = TOKEN) => {
    const res = await fetch(`${emu.url}/${method}`, { method: 'POST', headers: { 'x-viber-auth-token': token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { text: await res.text(), http: res.status };
  };

  beforeAll(async () => {
    emu = await startViber({ host: '127.0.0.1', port: 0, parleyUrl: 'http://127.0.0.1:1', retryDelaysMs: [10, 10] });
    hook = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ signature: req.headers['x-viber-content-signature'], raw });
        const event = JSON.parse(raw).event;
        res.writeHead(event === 'message' ? answerWith : 200, { 'content-type': 'application/json' });
        res.end(event === 'conversation_started' ? JSON.stringify({ type: 'text', text: 'Добро пожаловать', sender: { name: 'Shop' } }) : '');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/viber/x`;
  });
  afterAll(async () => {
    await emu.close();
    hook.close();
  });

  it('refuses a malformed token and checks the webhook with a signed `webhook` event before taking it', async () => {
    expect(JSON.parse((await api('get_account_info', {}, 'nope')).text)).toMatchObject({ status: 2, status_message: 'invalidAuthToken' });
    expect(JSON.parse((await api('set_webhook', { url: hookUrl })).text)).toMatchObject({ status: 0 });
    const check = received.at(-1)!;
    expect(JSON.parse(check.raw).event).toBe('webhook');
    expect(check.signature).toBe(createHmac('sha256', TOKEN).update(check.raw).digest('hex'));
    expect(JSON.parse((await api('set_webhook', { url: 'http://127.0.0.1:1/none' })).text).status).toBe(1);
  });

  it('delivers a user message signed, retries a refused callback, and records the welcome reply', async () => {
    const bot = emu.bot(TOKEN);
    const ольга = emu.user(bot, { id: 'olga==', name: 'Ольга', language: 'ru' });
    expect((await ольга.open()).welcome).toMatchObject({ text: 'Добро пожаловать' });
    answerWith = 500;
    const sent = await ольга.send({ type: 'text', text: 'Привет' });
    answerWith = 200;
    expect(sent.status).toBe(500);
    await new Promise((r) => setTimeout(r, 100));
    const tries = received.filter((r) => r.raw.includes('Привет'));
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries[0].raw).toMatch(/"message_token":\d{19}/);
  });

  it('sends a message with a 64-bit token, then reports it delivered; refuses unsubscribed users', async () => {
    const bot = emu.bot(TOKEN);
    const { text } = await api('send_message', { receiver: 'olga==', type: 'text', text: 'Здравствуйте', sender: { name: 'Shop' } });
    const token = /"message_token":(\d+)/.exec(text)![1];
    expect(BigInt(token) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.some((r) => r.raw.includes('"delivered"') && r.raw.includes(token))).toBe(true);
    await emu.user(bot, { id: 'olga==', name: 'Ольга' }).unsubscribe();
    expect(JSON.parse((await api('send_message', { receiver: 'olga==', type: 'text', text: 'Ещё', sender: { name: 'Shop' } })).text).status).toBe(6);
    expect(JSON.parse((await api('send_message', { receiver: 'olga==', type: 'text', text: 'x' })).text).status).toBe(4);
  });
});
