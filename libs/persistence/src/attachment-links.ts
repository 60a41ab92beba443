import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { AttachmentDto } from '@parley/contracts';

/**
 * Short-lived signed links to attachments: `/attachments/<id>?exp=<unix s>&sig=<HMAC-SHA256 over
 * "id.exp">`. They let what cannot send our Bearer token fetch a file: the widget showing an
 * agent's image to the customer it was sent to, the console's <img> tags, and providers fetching
 * outbound media (Twilio's MediaUrl). Message DTOs are signed when they are read, so a stored link
 * never outlives its TTL. Expiries are rounded up to a step so a page re-rendered within it gets
 * the same URL and the browser's cache.
 */
export const ATTACHMENT_LINK_TTL_SECONDS = Number(process.env.ATTACHMENT_LINK_TTL_SECONDS ?? 3600);
const STEP_SECONDS = 300;
const PATH = /^\/attachments\/([0-9a-f-]{36})$/i;

let signingKey: Buffer | undefined;

/**
 * The key every node derives from the shared instance secret (SecretsService), set once at start.
 * A separate derived key, so a leaked link key is not the visitor-token key.
 */
export function useAttachmentLinkSecret(secret: string): void {
  signingKey = Buffer.from(hkdfSync('sha256', secret, 'parley', 'attachment links v1', 32));
}

const mac = (id: string, exp: number): string => createHmac('sha256', signingKey!).update(`${id.toLowerCase()}.${exp}`).digest('base64url');

/** A signed link to attachment `id`, valid for `ttlSeconds` (rounded up); unsigned when no key is set yet. */
export function signAttachmentUrl(id: string, now = Date.now(), ttlSeconds = ATTACHMENT_LINK_TTL_SECONDS): string {
  const path = `/attachments/${id}`;
  if (!signingKey) return path;
  const exp = Math.ceil((now / 1000 + ttlSeconds) / STEP_SECONDS) * STEP_SECONDS;
  return `${path}?exp=${exp}&sig=${mac(id, exp)}`;
}

/** Whether `exp`/`sig` (query strings as sent) make a valid, unexpired link to attachment `id`. */
export function verifyAttachmentLink(id: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
  if (!signingKey || typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  if (Number(exp) * 1000 < now) return false;
  const expected = Buffer.from(mac(id, Number(exp)));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Attachment DTOs as a reader gets them: our own files behind freshly signed links, others untouched. */
export function signAttachments(attachments: AttachmentDto[], now = Date.now()): AttachmentDto[] {
  return attachments.map((a) => {
    const id = PATH.exec(a.url.split('?')[0])?.[1];
    return id ? { ...a, url: signAttachmentUrl(id, now) } : a;
  });
}

const UNSIGNED_LINK = /\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![?\w-])/gi;

/** A JSON value (message metadata: an email's HTML with its inline images) with every link to our files signed. */
export function signAttachmentLinksIn<T>(value: T, now = Date.now()): T {
  if (value === null || value === undefined || !signingKey) return value;
  const text = JSON.stringify(value);
  if (!text.includes('/attachments/')) return value;
  return JSON.parse(text.replace(UNSIGNED_LINK, (_link, id: string) => signAttachmentUrl(id, now))) as T;
}
