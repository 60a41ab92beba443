import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AttachmentDto, MessageDto, WidgetMessage, WidgetSession } from '@parley/contracts';
import { api, connect, login, next, startApp, testEnv, type RunningApp } from './harness';

/** A built console and demo page of our own, so the test does not depend on `npm run build`. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dist-'));
  fs.mkdirSync(path.join(dir, 'console'));
  fs.mkdirSync(path.join(dir, 'widget'));
  fs.writeFileSync(path.join(dir, 'console', 'index.html'), '<!doctype html><title>Parley</title><script type="module" src="/assets/index.js"></script>');
  fs.writeFileSync(path.join(dir, 'widget', 'widget.js'), 'console.log("виджет")');
  fs.writeFileSync(path.join(dir, 'widget', 'demo.html'), '<!doctype html><script>window.parleySettings = { locale: "ru" };</script><script>document.title = "Магазин";</script><script src="/widget.js" data-website-token="__WEBSITE_TOKEN__" async></script>');
  return dir;
}

const directives = (csp: string | null) => Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));

describe('security headers and capability links (issue #13, item 7)', () => {
  let t: RunningApp;
  let token: string;

  beforeAll(async () => {
    t = await startApp(undefined, { distDir: fakeDist() });
    token = (await login(t.url)).accessToken;
  });
  afterAll(() => t?.close());

  it('serves the console under a strict CSP that forbids framing and inline scripts', async () => {
    const res = await fetch(`${t.url}/conversations/42`);
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{24}'$/)]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await api(t.url, 'GET', '/api/inboxes', undefined, token)).status).toBe(200);
  });

  it("runs the demo page's own inline scripts by a per-response nonce, and keeps the widget script loadable anywhere", async () => {
    const first = await fetch(`${t.url}/demo`);
    const html = await first.text();
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get('content-security-policy') ?? '')?.[1];
    expect(html.match(/<script nonce="([^"]+)">/g)).toEqual([`<script nonce="${nonce}">`, `<script nonce="${nonce}">`]);
    expect(html).toContain('<script src="/widget.js"');
    const second = await fetch(`${t.url}/demo`);
    expect(second.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);

    const widget = await fetch(`${t.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const tls = await startApp(await testEnv(), { publicUrl: 'https://support.example.ru', distDir: fakeDist() });
    try {
      const res = await fetch(`${tls.url}/health`);
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await tls.close();
    }
  });

  const upload = async (bytes: Buffer, contentType: string, fileName: string) => {
    const res = await fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: bytes });
    expect(res.status).toBe(201);
    return (await res.json()) as AttachmentDto;
  };

  it('sniffs uploads: an HTML page claiming to be a PNG is stored and served as a download', async () => {
    const fake = await upload(Buffer.from('<html><script>alert("фишинг")</script></html>'), 'image/png', 'кот.png');
    expect(fake.contentType).toBe('application/octet-stream');
    const down = await fetch(t.url + fake.url);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');

    const png = await upload(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'text/html', 'чек.png');
    expect(png.contentType).toBe('image/png');
    const image = await fetch(t.url + png.url);
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('opens an attachment only to a signed-in agent or through an unexpired signed link', async () => {
    const file = await upload(Buffer.from('%PDF-1.4\n%счёт\n'), 'application/pdf', 'счёт.pdf');
    const url = new URL(file.url, t.url);
    expect(url.searchParams.get('exp')).toMatch(/^\d+$/);
    expect((await fetch(url)).status).toBe(200);

    const bare = `${t.url}/attachments/${file.id}`;
    expect(await (await fetch(bare)).json()).toMatchObject({ statusCode: 401, message: expect.stringContaining('sign in') });
    expect((await fetch(bare, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(bare, { headers: { authorization: 'Bearer forged.token.value' } })).status).toBe(401);

    const forged = new URL(url);
    forged.searchParams.set('sig', `${url.searchParams.get('sig')!.slice(0, -2)}AA`);
    expect((await fetch(forged)).status).toBe(401);
    const stretched = new URL(url);
    stretched.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400));
    expect((await fetch(stretched)).status).toBe(401);
    const expired = new URL(url);
    expired.searchParams.set('exp', '1000000000');
    expect((await fetch(expired)).status).toBe(401);
  });

  it("gives the customer a signed link to an agent's attachment, in the reply's DTO and in the widget", async () => {
    const photo = await upload(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image/png', 'заказ.png');
    const websiteToken = (await api(t.url, 'GET', '/api/inboxes', undefined, token)).body.find((i: { websiteToken?: string }) => i.websiteToken).websiteToken;
    const visitor = connect(t.url, '/widget', { websiteToken });
    try {
      const session = await next<WidgetSession>(visitor, 'session');
      await visitor.emitWithAck('message:send', { content: 'Покажите, пожалуйста, фото заказа', clientMessageId: 'http-headers-0001' });
      const conversation = (await api(t.url, 'GET', `/api/customers/${session.customerId}/conversations`, undefined, token)).body.items[0];
      const seen = next<WidgetMessage>(visitor, 'message:new', (m) => m.direction === 'outbound');
      const reply = await api<MessageDto>(t.url, 'POST', `/api/conversations/${conversation.id}/messages`, { content: 'Вот фото', attachmentIds: [photo.id] }, token);
      expect(reply.body.attachments[0].url).toMatch(new RegExp(`^/attachments/${photo.id}\\?exp=\\d+&sig=`));
      const shown = (await seen).attachments![0].url;
      expect(shown).toMatch(/\?exp=\d+&sig=/);
      const image = await fetch(t.url + shown);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
    } finally {
      visitor.disconnect();
    }
  });
});
