import { createHmac } from 'node:crypto';
import type { AttachmentSink, FetchedMedia, MediaReference } from '@parley/channels-core';
import type { ViberFetch } from './viber-api';

const FETCH_TIMEOUT_MS = 30_000;

/**
 * The attachment id of a message's Nth media: derived from the message_token with the bot's token,
 * so a redelivered callback stores the same row again (not an orphan copy) and nobody without the
 * token can guess it.
 */
export function mediaAttachmentId(authToken: string, messageToken: string, index: number): string {
  const h = createHmac('sha256', authToken).update(`viber-media:${messageToken}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Downloads a message's media (Viber's `media` URL: a public link on Viber's servers, no credentials
 * sent) and stores it. A refusal or an oversized file is noted and skipped; a timeout or a 5xx is
 * retryable.
 */
export async function fetchViberMedia(
  messageToken: string,
  media: MediaReference[],
  authToken: string,
  store: AttachmentSink,
  maxBytes: number,
  fetchImpl: ViberFetch = fetch,
): Promise<FetchedMedia> {
  const outcomes = await Promise.all(media.map(async ({ url, contentType: declared, fileName }, i) => {
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw permanent('not an http(s) URL');
      const res = await fetchImpl(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
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
      const served = res.headers.get('content-type')?.split(';')[0].trim();
      const contentType = declared && declared !== 'application/octet-stream' ? declared : served || declared || 'application/octet-stream';
      return { attachment: await store.save({ data, contentType, fileName: fileName ?? `media-${i + 1}`, id: mediaAttachmentId(authToken, messageToken, i) }) };
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
