import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startApp, type RunningApp } from './harness';

const APP_JS = `const greeting = "Здравствуйте! Чем можем помочь?";\n`.repeat(200);
const WIDGET_JS = `window.parley = { title: "Напишите нам, мы на связи" };\n`.repeat(100);
const HASHED = 'assets/index-Ab3_x9Zq.js';

/** A built console and widget with their precompressed copies, as tools/scripts/build.mjs leaves them. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-dist-'));
  fs.mkdirSync(path.join(dir, 'console', 'assets'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'widget'));
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from(text)));
    fs.writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text)));
  };
  write('console/index.html', `<!doctype html><title>Parley — входящие</title><script type="module" src="/${HASHED}"></script>`);
  write(`console/${HASHED}`, APP_JS);
  fs.writeFileSync(path.join(dir, 'console', 'robots.txt'), 'User-agent: *\n');
  write('widget/widget.js', WIDGET_JS);
  fs.writeFileSync(path.join(dir, 'widget', 'demo.html'), `<!doctype html><h1>Магазин</h1>${'<p>Товары недели</p>'.repeat(50)}<script src="/widget.js" data-website-token="__WEBSITE_TOKEN__" async></script>`);
  // What a traversal would be after: a file beside the console's folder.
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'пароль от базы');
  return dir;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request as sent and the response as received: fetch would decompress and normalise the path. */
function get(base: string, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressed, cached static files (issue #14, item 5)', () => {
  let t: RunningApp;

  beforeAll(async () => {
    t = await startApp(undefined, { distDir: fakeDist() });
  });
  afterAll(() => t?.close());

  it('sends the brotli copy of a hashed asset to a browser, cached for good', async () => {
    const res = await get(t.url, `/${HASHED}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript; charset=utf-8$/);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends gzip to a client without brotli, and honours q=0', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0, gzip']) {
      const res = await get(t.url, `/${HASHED}`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(gunzipSync(res.body).toString()).toBe(APP_JS);
    }
  });

  it('sends the file as it is without Accept-Encoding or when both codings are refused', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const res = await get(t.url, `/${HASHED}`, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.body.toString()).toBe(APP_JS);
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(APP_JS));
    }
  });

  it('answers 406 with a message when every available coding is refused', async () => {
    const res = await get(t.url, `/${HASHED}`, { 'accept-encoding': 'identity;q=0, br;q=0, gzip;q=0' });
    expect(res.status).toBe(406);
    expect(JSON.parse(res.body.toString()).message).toMatch(/Accept-Encoding/);
  });

  it('revalidates the console page on every load and compresses it too', async () => {
    for (const route of ['/', '/conversations/42']) {
      const res = await get(t.url, route, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(brotliDecompressSync(res.body).toString()).toContain('Parley — входящие');
    }
    const plain = await get(t.url, '/robots.txt', { 'accept-encoding': 'br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
  });

  it('caches widget.js briefly and answers 304 to a matching ETag', async () => {
    const first = await get(t.url, '/widget.js', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(brotliDecompressSync(first.body).toString()).toBe(WIDGET_JS);
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^W\/".+"$/);

    const again = await get(t.url, '/widget.js', { 'accept-encoding': 'gzip', 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['etag']).toBe(etag);

    const other = await get(t.url, '/widget.js', { 'accept-encoding': 'gzip', 'if-none-match': 'W/"an-older-build"' });
    expect(other.status).toBe(200);
    expect(gunzipSync(other.body).toString()).toBe(WIDGET_JS);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(t.url, '/widget.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    expect(res.body.length).toBe(0);
  });

  it('compresses the demo shop page, which is written per response', async () => {
    const res = await get(t.url, '/demo', { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    const html = brotliDecompressSync(res.body).toString();
    expect(html).toContain('Магазин');
    expect(html).not.toContain('__WEBSITE_TOKEN__');
  });

  it('refuses a path that leaves the console folder, and a missing asset, with 404', async () => {
    for (const attempt of ['/../secret.txt', '/assets/..%2F..%2Fsecret.txt', '/..%2Fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const res = await get(t.url, attempt, { 'accept-encoding': 'br, gzip' });
      expect({ attempt, status: res.status }).toEqual({ attempt, status: 404 });
      expect(res.body.toString()).not.toContain('пароль');
    }
    const missing = await get(t.url, '/assets/index-OldBuild.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/json/);
  });
});
