import { createHmac } from 'node:crypto';
import type { AttachmentSink, FetchedMedia, MediaReference } from './inbound-media.port';

/** A fetch as the download calls it (the global one, or a test's stand-in). */
export type MediaFetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * An attachment id derived from a provider's message id (`seed`, index included) with a secret of
 * the inbox: a redelivered message stores the same row again, and nobody without the secret can guess it.
 */
export function stableAttachmentId(secret: string, seed: string): string {
  const h = createHmac('sha256', secret).update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface MediaDownload {
  maxBytes: number;
  timeoutMs: number;
  fetchImpl?: MediaFetch;
  /** Why a file over `maxBytes` is skipped. */
  tooLarge?: string;
  /** The stored file's type, name and id, from its reference and the type the host served ('' when none). */
  describe(ref: MediaReference, index: number, served: string): { contentType: string; fileName: string; id: string };
}

/**
 * Downloads each media reference over http(s) (no credentials sent: the providers' media URLs carry
 * their own keys) and stores it. A refusal (4xx), a non-http URL or a file over the limit (declared
 * or read) is skipped for good; a timeout, a connection error, a 5xx, 408 or 429 is worth another try.
 */
export async function downloadMedia(media: MediaReference[], store: AttachmentSink, options: MediaDownload): Promise<FetchedMedia> {
  const { maxBytes, timeoutMs, fetchImpl = fetch, tooLarge = 'larger than the attachment limit' } = options;
  const outcomes = await Promise.all(media.map(async (ref, i) => {
    try {
      const target = new URL(ref.url);
      if (!/^https?:$/.test(target.protocol)) throw permanent('not an http(s) URL');
      const res = await fetchImpl(target.toString(), { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw Object.assign(new Error(`HTTP ${res.status}`), { retryable: res.status >= 500 || res.status === 429 || res.status === 408 });
      }
      const declaredLength = Number(res.headers.get('content-length') ?? NaN);
      if (declaredLength > maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw permanent(tooLarge);
      }
      const data = Buffer.from(await res.arrayBuffer());
      if (data.length > maxBytes) throw permanent(tooLarge);
      const served = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      return { attachment: await store.save({ data, ...options.describe(ref, i, served) }) };
    } catch (err) {
      const e = err as { retryable?: unknown; message?: unknown };
      const retryable = typeof e?.retryable === 'boolean' ? e.retryable : true;
      return { skipped: { url: ref.url, contentType: ref.contentType, reason: String(e?.message ?? err).slice(0, 200), retryable } };
    }
  }));
  return {
    attachments: outcomes.flatMap((o) => (o.attachment ? [o.attachment] : [])),
    skipped: outcomes.flatMap((o) => (o.skipped ? [o.skipped] : [])),
  };
}

const permanent = (message: string) => Object.assign(new Error(message), { retryable: false });
