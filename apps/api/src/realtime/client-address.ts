import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';

/**
 * The client address of a socket.io handshake as Express resolves `req.ip` for HTTP: the peer's
 * address, or the X-Forwarded-For hop Express's `trust proxy` setting allows. Read through the app
 * itself, so the widget limits follow whichever proxies the HTTP side trusts and never trust a
 * header on their own.
 */
export function clientAddress(app: Express | undefined, request: IncomingMessage, fallback: string): string {
  if (!app?.request) return fallback;
  // Express's request prototype carries the `ip` getter; it needs only headers, socket and app.
  const req = Object.create(app.request, {
    headers: { value: request.headers },
    socket: { value: request.socket },
    connection: { value: request.socket },
  }) as { ip?: string };
  return req.ip || fallback;
}
