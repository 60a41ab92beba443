import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorOptions } from '../emulator';

/** A request's body, refused with a 413 error (`status` on it) past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('Request Entity Too Large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON object body: {} when empty or not an object, a 400 error (`status` on it) when malformed. */
export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, any>> {
  const body = await readBody(req, limit);
  if (!body.length) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    throw Object.assign(new Error('malformed JSON'), { status: 400 });
  }
}

/** Listens where the options say (keep-alive as long as a provider's); resolves with the base URL to reach it at. */
export async function listen(server: Server, options: Pick<EmulatorOptions, 'host' | 'port'>): Promise<string> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return `http://${host}:${port}`;
}

/** What a page's action waits for: the webhook answer's status, but not a long retry series (null after 5 s). */
export function settle(delivered: Promise<number | null>): Promise<number | null> {
  return Promise.race([delivered, new Promise<null>((r) => setTimeout(() => r(null), 5000).unref())]);
}
