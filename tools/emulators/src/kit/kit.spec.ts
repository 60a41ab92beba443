import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { controlClient, parseArgs } from './cli-kit';
import { readJson } from './http-kit';

describe('emulator kit', () => {
  it('parses --name value pairs, switches and positional arguments', () => {
    expect(parseArgs(['send', '--user', '42', 'Где', '--drop', 'заказ?'], ['drop'])).toEqual({ flags: { user: '42', drop: '1' }, args: ['send', 'Где', 'заказ?'] });
    expect(parseArgs(['fail', '--drop', 'x'])).toEqual({ flags: { drop: 'x' }, args: ['fail'] });
    expect(parseArgs(['--name'])).toEqual({ flags: { name: '' }, args: [] });
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer(async (req, res) => {
        try {
          const body = await readJson(req, 64);
          res.writeHead(req.url === '/_emulator/broken' ? 409 : 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(req.url === '/_emulator/broken' ? { error: 'нет такого бота' } : { method: req.method, body }));
        } catch (err: any) {
          res.writeHead(err.status, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify({ error: err.message }));
        }
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('GETs without a body and POSTs JSON with one', async () => {
      const call = controlClient(base);
      await expect(call('bots')).resolves.toEqual({ method: 'GET', body: {} });
      await expect(call('bots/1/send', { text: 'Привет' })).resolves.toEqual({ method: 'POST', body: { text: 'Привет' } });
    });

    it('throws the status and the error the emulator answered', async () => {
      await expect(controlClient(base)('broken', {})).rejects.toThrow('409: нет такого бота');
    });

    it('answers 400 for malformed JSON', async () => {
      const post = (body: string) => fetch(`${base}_emulator/x`, { method: 'POST', body }).then(async (r) => ({ status: r.status, ...((await r.json()) as object) }));
      await expect(post('{oops')).resolves.toEqual({ status: 400, error: 'malformed JSON' });
      await expect(post('"текст"')).resolves.toEqual({ status: 200, method: 'POST', body: {} });
    });
  });

  it('refuses a body past the limit with a 413 error and stops reading', async () => {
    const req = new PassThrough();
    const read = readJson(req as unknown as IncomingMessage, 8);
    req.write(Buffer.from('{"text":"Привет"}'));
    await expect(read).rejects.toMatchObject({ status: 413, message: 'Request Entity Too Large' });
    expect(req.destroyed).toBe(true);
  });
});
