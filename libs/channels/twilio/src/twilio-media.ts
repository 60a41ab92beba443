import { createHmac } from 'node:crypto';
import type { AttachmentSink, FetchedMedia, MediaReference } from '@parley/channels-core';
import type { TwilioInboxConfig } from './twilio-inbox-config';

/**
 * The attachment id of a message's Nth media: derived from the MessageSid with the account's auth
 * token, so a redelivered webhook stores the same row again (not an orphan copy) and nobody
 * without the token can guess it.
 */
export function mediaAttachmentId(authToken: string, messageSid: string, index: number): string {
  const h = createHmac('sha256', authToken).update(`twilio-media:${messageSid}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'text/vcard': 'vcf',
};

/** Twilio never sends more than 10 media per message. */
const MAX_MEDIA = 10;
const FETCH_TIMEOUT_MS = 15_000;

/** The media an inbound webhook names (MediaUrl0…N with MediaContentTypeN): all the webhook keeps. */
export function inboundMediaReferences(params: Record<string, string>): MediaReference[] {
  const count = Math.min(MAX_MEDIA, Math.max(0, Number.parseInt(params.NumMedia ?? '0', 10) || 0));
  const refs: MediaReference[] = [];
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    if (url) refs.push({ url, contentType: params[`MediaContentType${i}`] || null });
  }
  return refs;
}

/**
 * Downloads an inbound message's media, all at once, and stores it as attachments.
 * Twilio may protect media with HTTP Basic auth (AccountSid:AuthToken); the credentials go only
 * to the account's own API origin, never to whatever host a redirect or a payload names.
 */
export async function fetchInboundMedia(
  messageSid: string,
  media: MediaReference[],
  config: TwilioInboxConfig,
  store: AttachmentSink,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<FetchedMedia> {
  const apiOrigin = new URL(config.apiBaseUrl).origin;
  const outcomes = await Promise.all(media.slice(0, MAX_MEDIA).map(async ({ url, contentType: declaredType }, i) => {
    try {
      const target = new URL(url);
      if (!/^https?:$/.test(target.protocol)) throw permanent('not an http(s) URL');
      const trusted = target.origin === apiOrigin || /(^|\.)twilio\.com$/.test(target.hostname);
      const headers: Record<string, string> = trusted
        ? { authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}` }
        : {};
      const res = await fetchImpl(target, { headers, redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        // 404 and the like will not change; an outage or a rate limit may.
        throw Object.assign(new Error(`HTTP ${res.status}`), { retryable: res.status >= 500 || res.status === 429 || res.status === 408 });
      }
      const data = await readLimited(res, maxBytes);
      const contentType = (res.headers.get('content-type') ?? declaredType ?? 'application/octet-stream').split(';')[0].trim();
      const ext = EXTENSIONS[contentType];
      const id = mediaAttachmentId(config.authToken, messageSid, i);
      return { attachment: await store.save({ data, contentType, fileName: `media-${i + 1}${ext ? `.${ext}` : ''}`, id }) };
    } catch (err) {
      // Not answering in time, or a dropped connection, is worth another try; a refusal is not.
      const retryable = typeof err?.retryable === 'boolean' ? err.retryable : true;
      return { skipped: { url, contentType: declaredType, reason: String(err?.message ?? err).slice(0, 200), retryable } };
    }
  }));
  return {
    attachments: outcomes.flatMap((o) => (o.attachment ? [o.attachment] : [])),
    skipped: outcomes.flatMap((o) => (o.skipped ? [o.skipped] : [])),
  };
}

const permanent = (message: string) => Object.assign(new Error(message), { retryable: false });

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => permanent(`larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB attachment limit`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
