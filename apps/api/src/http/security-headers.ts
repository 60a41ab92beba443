import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The per-response nonce that lets the page's own inline scripts (the demo shop's) run under the CSP. */
export const cspNonce = (res: Response): string => (res.locals as { cspNonce: string }).cspNonce;

/**
 * Helmet on every Express response: a strict CSP for the pages we serve (console, /demo, survey
 * pages, Swagger UI): scripts from our origin or nonce'd, never framed (frame-ancestors 'none':
 * the widget embeds as a script and a shadow root, not an iframe), no Referer (survey and
 * attachment links are capabilities), HSTS only when PUBLIC_URL is https (it would lock plain-http
 * installs out of their own host). Styles may be inline: React and the widget set element styles
 * and the widget ships its CSS in a <style> in its shadow root; scripts are what CSP protects.
 * Provider webhooks never pass through here (webhook-lane.ts).
 */
/**
 * 128-bit nonces cut from a buffer of random bytes filled 256 nonces at a time (as crypto.randomUUID
 * buffers its entropy): one getrandom call per request showed up in the API's CPU profile.
 */
export class NoncePool {
  private pool = Buffer.alloc(0);
  private offset = 0;

  next(): string {
    if (this.offset + 16 > this.pool.length) {
      this.pool = randomBytes(16 * 256);
      this.offset = 0;
    }
    const nonce = this.pool.toString('base64', this.offset, this.offset + 16);
    this.offset += 16;
    return nonce;
  }
}

const nonces = new NoncePool();

export function securityHeaders(publicUrl: string): RequestHandler[] {
  const https = publicUrl.startsWith('https:');
  const nonce: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = nonces.next();
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // The widget script and the attachments it shows are loaded by customers' sites: they set
    // Cross-Origin-Resource-Policy: cross-origin themselves; everything else stays same-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  return [nonce, headers];
}
