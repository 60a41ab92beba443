import type { IncomingMessage } from 'node:http';
import express from 'express';
import { clientAddress } from './client-address';

const handshake = (remoteAddress: string, forwardedFor?: string) =>
  ({ headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the client address of a widget handshake', () => {
  it('is the peer address when Express trusts no proxy, whatever X-Forwarded-For says', () => {
    const app = express();
    app.set('trust proxy', false);
    expect(clientAddress(app, handshake('203.0.113.9', '198.51.100.1'), 'fallback')).toBe('203.0.113.9');
  });

  it('is the forwarded address only from a proxy Express trusts', () => {
    const app = express();
    app.set('trust proxy', 'loopback');
    expect(clientAddress(app, handshake('127.0.0.1', '198.51.100.1'), 'fallback')).toBe('198.51.100.1');
    expect(clientAddress(app, handshake('203.0.113.9', '198.51.100.1'), 'fallback')).toBe('203.0.113.9');
  });

  it('falls back to socket.io\'s own address without an Express app', () => {
    expect(clientAddress(undefined, handshake('203.0.113.9'), '::ffff:203.0.113.9')).toBe('::ffff:203.0.113.9');
  });
});
