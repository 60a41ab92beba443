import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ParleyExpressAdapter } from './express-adapter';

/** Starts the adapter's server with one route that reports what Express made of the request. */
async function serve(options: { forceCloseConnections?: boolean } = {}) {
  const adapter = new ParleyExpressAdapter();
  const app = adapter.getInstance<Express>();
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  // Never answers: only a server that cuts open connections can close while it is pending.
  app.get('/hang', () => arrive());
  app.get('/probe', (req, res) => {
    res.json({
      requestProto: Object.getPrototypeOf(req) === app.request,
      responseProto: Object.getPrototypeOf(res) === app.response,
      accepts: req.accepts('json'),
      host: req.get('host')?.startsWith('127.0.0.1'),
    });
  });
  adapter.initHttpServer(options);
  const server = adapter.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { adapter, arrived, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('ParleyExpressAdapter', () => {
  it("builds requests and responses on Express's own prototypes, so Express never has to swap them", async () => {
    const { adapter, base } = await serve();
    try {
      const res = await fetch(`${base}/probe`, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ requestProto: true, responseProto: true, accepts: 'json', host: true });
    } finally {
      await adapter.close();
    }
  });

  it('keeps forceCloseConnections: close() cuts a request still in progress instead of waiting for it', async () => {
    const { adapter, base, arrived } = await serve({ forceCloseConnections: true });
    const pending = fetch(`${base}/hang`).then(() => 'answered', () => 'cut');
    await arrived;
    await adapter.close();
    expect(await pending).toBe('cut');
  });
});
