import { downloadMedia, stableAttachmentId, type AttachmentSink, type FetchedMedia, type MediaReference } from '@parley/channels-core';

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
  return stableAttachmentId(appSecret, `meta-media:${mid}:${index}`);
}

/**
 * Downloads an inbound message's media from Meta's CDN (signed, expiring URLs that need no token:
 * the Page token is never sent to them) and stores it. A 404 or a file over the limit is skipped for
 * good; a timeout or a 5xx is worth another try. The type the CDN serves wins over the declared one.
 */
export function fetchMetaMedia(mid: string, media: MediaReference[], appSecret: string, store: AttachmentSink, maxBytes: number): Promise<FetchedMedia> {
  return downloadMedia(media, store, {
    maxBytes,
    timeoutMs: FETCH_TIMEOUT_MS,
    describe({ contentType: declared }, i, served) {
      const contentType = served && served !== 'application/octet-stream' ? served : declared && !declared.endsWith('/*') ? declared : served || 'application/octet-stream';
      const ext = EXTENSIONS[contentType];
      return { contentType, fileName: `media-${i + 1}${ext ? `.${ext}` : ''}`, id: metaMediaId(appSecret, mid, i) };
    },
  });
}
