import { createHmac } from 'node:crypto';
import type { AttachmentSink, FetchedMedia, MediaReference } from '@parley/channels-core';

const FETCH_TIMEOUT_MS = 30_000;
const MAX_MEDIA = 10;

/**
 * The attachment id of a message's Nth file: derived from the inbox and VK's message id with the
 * community token, so a redelivered event stores the same row again and nobody can guess it.
 */
export function vkMediaId(accessToken: string, inboxId: string, providerMessageId: string, index: number): string {
  const h = createHmac('sha256', accessToken).update(`vk-media:${inboxId}:${providerMessageId}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Downloads a message's photos and documents from VK's servers (their URLs carry their own access
 * keys) and stores them. A refusal or an oversized file is recorded as skipped; a timeout or a 5xx
 * is retryable.
 */
export async function fetchVkMedia(
  ids: (index: number) => string,
  media: MediaReference[],
  store: AttachmentSink,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<FetchedMedia> {
  const outcomes = await Promise.all(media.slice(0, MAX_MEDIA).map(async (ref, i) => {
    try {
      const url = new URL(ref.url);
      if (!/^https?:$/.test(url.protocol)) throw permanent('not an http(s) URL');
      const res = await fetchImpl(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw Object.assign(new Error(`HTTP ${res.status}`), { retryable: res.status >= 500 || res.status === 429 || res.status === 408 });
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw permanent(`larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB attachment limit`);
      }
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length > maxBytes) throw permanent(`larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB attachment limit`);
      const served = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      const contentType = ref.contentType ?? (served || 'application/octet-stream');
      return { attachment: await store.save({ data, contentType, fileName: ref.fileName ?? `file-${i + 1}`, id: ids(i) }) };
    } catch (err) {
      const e = err as { retryable?: boolean; message?: string };
      return { skipped: { url: ref.url, contentType: ref.contentType, reason: String(e?.message ?? err).slice(0, 200), retryable: typeof e?.retryable === 'boolean' ? e.retryable : true } };
    }
  }));
  return {
    attachments: outcomes.flatMap((o) => (o.attachment ? [o.attachment] : [])),
    skipped: outcomes.flatMap((o) => (o.skipped ? [o.skipped] : [])),
  };
}

const permanent = (message: string) => Object.assign(new Error(message), { retryable: false });
