import { createHmac } from 'node:crypto';
import type { AttachmentDto } from '@parley/contracts';
import type { TwilioInboxConfig } from './twilio-inbox-config';

export interface MediaStore {
  save(input: { data: Buffer; contentType: string; fileName?: string | null; id?: string }): Promise<AttachmentDto>;
}

/**
 * The attachment id of a message's Nth media: derived from the MessageSid with the account's auth
 * token, so a redelivered webhook stores the same row again (not an orphan copy) and nobody
 * without the token can guess it.
 */
export function mediaAttachmentId(authToken: string, messageSid: string, index: number): string {
  const h = createHmac('sha256', authToken).update(`twilio-media:${messageSid}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface MediaOutcome {
  attachments: AttachmentDto[];
  /** Media we did not keep, and why (too large, not reachable): recorded on the message. */
  skipped: { url: string; contentType: string | null; reason: string }[];
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

/**
 * Downloads the media of an inbound message (MediaUrl0…N) and stores it as attachments.
 * Twilio may protect media with HTTP Basic auth (AccountSid:AuthToken); the credentials go only
 * to the account's own API origin, never to whatever host a redirect or a payload names.
 */
export async function fetchInboundMedia(
  params: Record<string, string>,
  config: TwilioInboxConfig,
  store: MediaStore,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<MediaOutcome> {
  const count = Math.min(MAX_MEDIA, Math.max(0, Number.parseInt(params.NumMedia ?? '0', 10) || 0));
  const outcome: MediaOutcome = { attachments: [], skipped: [] };
  const apiOrigin = new URL(config.apiBaseUrl).origin;
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    const declaredType = params[`MediaContentType${i}`] || null;
    if (!url) continue;
    try {
      const target = new URL(url);
      if (!/^https?:$/.test(target.protocol)) throw new Error('not an http(s) URL');
      const trusted = target.origin === apiOrigin || /(^|\.)twilio\.com$/.test(target.hostname);
      const headers: Record<string, string> = trusted
        ? { authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}` }
        : {};
      const res = await fetchImpl(target, { headers, redirect: 'follow', signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const data = await readLimited(res, maxBytes);
      const contentType = (res.headers.get('content-type') ?? declaredType ?? 'application/octet-stream').split(';')[0].trim();
      const ext = EXTENSIONS[contentType];
      const sid = params.MessageSid || params.SmsMessageSid || params.SmsSid;
      const id = sid ? mediaAttachmentId(config.authToken, sid, i) : undefined;
      outcome.attachments.push(await store.save({ data, contentType, fileName: `media-${i + 1}${ext ? `.${ext}` : ''}`, id }));
    } catch (err) {
      outcome.skipped.push({ url, contentType: declaredType, reason: String(err.message ?? err).slice(0, 200) });
    }
  }
  return outcome;
}

async function readLimited(res: Response, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new Error(`larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB attachment limit`);
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
