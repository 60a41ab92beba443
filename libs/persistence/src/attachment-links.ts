import { createHmac, hkdfSync } from 'node:crypto';
import type { AttachmentDto } from '@parley/contracts';
import { safeEqual, signToken, verifyToken, type TokenKeyRing } from '@parley/domain';

/**
 * Short-lived signed links to attachments: `/attachments/<id>?exp=<unix s>&sig=<key id>.<MAC>`, a
 * signed token (`@parley/domain` tokens, purpose `attachment-link`, payload the id) whose payload and
 * expiry already travel in the URL, so only its key id and MAC are added. They let what cannot send
 * our Bearer token fetch a file: the widget showing an agent's image to the customer it was sent to,
 * the console's <img> tags, and providers fetching outbound media (Twilio's MediaUrl). Message DTOs
 * are signed when they are read, so a stored link never outlives its TTL. Expiries are rounded up to
 * a step so a page re-rendered within it gets the same URL and the browser's cache.
 */
export const ATTACHMENT_LINK_TTL_SECONDS = Number(process.env.ATTACHMENT_LINK_TTL_SECONDS ?? 3600);
const STEP_SECONDS = 300;
const PATH = /^\/attachments\/([0-9a-f-]{36})$/i;
const PURPOSE = 'attachment-link';
const SIG = /^([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]+)$/;

let ring: TokenKeyRing | undefined;
let legacyKey: Buffer | undefined;

/**
 * The instance's token keys (SecretsService), set once at start in every node that signs links, and
 * the instance secret that keyed links before them (a derived key, so a leaked link key was not the
 * visitor-token key); such links live an hour at most, after which `legacySecret` can go.
 */
export function useAttachmentLinkKeys(keys: TokenKeyRing, legacySecret?: string): void {
  ring = keys;
  legacyKey = legacySecret ? Buffer.from(hkdfSync('sha256', legacySecret, 'parley', 'attachment links v1', 32)) : undefined;
}

/** A signed link to attachment `id`, valid for `ttlSeconds` (rounded up); unsigned when no key is set yet. */
export function signAttachmentUrl(id: string, now = Date.now(), ttlSeconds = ATTACHMENT_LINK_TTL_SECONDS): string {
  const path = `/attachments/${id}`;
  if (!ring) return path;
  const exp = Math.ceil((now / 1000 + ttlSeconds) / STEP_SECONDS) * STEP_SECONDS;
  const [keyId, , , mac] = signToken(ring, PURPOSE, id.toLowerCase(), { expiresAt: exp * 1000 }).split('.');
  return `${path}?exp=${exp}&sig=${keyId}.${mac}`;
}

/** Whether `exp`/`sig` (query strings as sent) make a valid, unexpired link to attachment `id`. */
export function verifyAttachmentLink(id: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
  if (!ring || typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  const parts = SIG.exec(sig);
  if (!parts) return verifyLegacyLink(id, exp, sig, now);
  const token = [parts[1], Buffer.from(id.toLowerCase()).toString('base64url'), exp, parts[2]].join('.');
  return verifyToken(ring, PURPOSE, token, now) !== null;
}

/** Links signed before the token helper: `sig` = HMAC-SHA256 over "id.exp" (base64url, no key id). */
function verifyLegacyLink(id: string, exp: string, sig: string, now: number): boolean {
  if (!legacyKey || Number(exp) * 1000 < now) return false;
  return safeEqual(sig, createHmac('sha256', legacyKey).update(`${id.toLowerCase()}.${exp}`).digest('base64url'));
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
  if (value === null || value === undefined || !ring) return value;
  const text = JSON.stringify(value);
  if (!text.includes('/attachments/')) return value;
  return JSON.parse(text.replace(UNSIGNED_LINK, (_link, id: string) => signAttachmentUrl(id, now))) as T;
}
