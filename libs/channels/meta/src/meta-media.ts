import { createHmac } from 'node:crypto';
import type { AttachmentSink, FetchedMedia, MediaReference } from '@parley/channels-core';

const FETCH_TIMEOUT_MS = 15_000;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'video/mp4': 'mp4',
  'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/ogg': 'ogg', 'application/pdf': 'pdf',
};

/**
 * The attachment id of a message's Nth media, derived from its mid with the app secret: a
 * redelivered webhook stores the same row again, and nobody without the secret can guess it.
 */
export function metaMediaId(appSecret: string, mid: string, index: number): string {
  const h = createHmac('sha256', appSecret).update(`meta-media:${mid}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Downloads an inbound message's media from Meta's CDN (signed, expiring URLs that need no token:
 * the Page token is never sent to them) and stores it. A 404 or a file over the limit is skipped for
 * good; a timeout or a 5xx is worth another try.
 */
export async function fetchMetaMedia(mid: string, media: MediaReference[], appSecret: string, store: AttachmentSink, maxBytes: number): Promise<FetchedMedia> {
  const outcomes = await Promise.all(media.map(async ({ url, contentType: declared }, i) => {
    try {
      const target = new URL(url);
      if (!/^https?:$/.test(target.protocol)) throw permanent('not an http(s) URL');
      const res = await fetch(target, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw Object.assign(new Error(`HTTP ${res.status}`), { retryable: res.status >= 500 || res.status === 429 || res.status === 408 });
      }
      const declaredLength = Number(res.headers.get('content-length') ?? NaN);
      if (declaredLength > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw permanent('larger than the attachment limit');
      }
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length > maxBytes) throw permanent('larger than the attachment limit');
      const served = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      const contentType = served && served !== 'application/octet-stream' ? served : declared && !declared.endsWith('/*') ? declared : served || 'application/octet-stream';
      const ext = EXTENSIONS[contentType];
      return { attachment: await store.save({ data, contentType, fileName: `media-${i + 1}${ext ? `.${ext}` : ''}`, id: metaMediaId(appSecret, mid, i) }) };
    } catch (err) {
      const retryable = typeof err?.retryable === 'boolean' ? err.retryable : true;
      return { skipped: { url, contentType: declared, reason: String(err?.message ?? err).slice(0, 200), retryable } };
    }
  }));
  return {
    attachments: outcomes.flatMap((o) => (o.attachment ? [o.attachment] : [])),
    skipped: outcomes.flatMap((o) => (o.skipped ? [o.skipped] : [])),
  };
}

const permanent = (message: string) => Object.assign(new Error(message), { retryable: false });
