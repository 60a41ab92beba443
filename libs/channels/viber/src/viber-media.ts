import { downloadMedia, stableAttachmentId, type AttachmentSink, type FetchedMedia, type MediaReference } from '@parley/channels-core';
import type { ViberFetch } from './viber-api';

const FETCH_TIMEOUT_MS = 30_000;

/**
 * The attachment id of a message's Nth media: derived from the message_token with the bot's token,
 * so a redelivered callback stores the same row again (not an orphan copy) and nobody without the
 * token can guess it.
 */
export function mediaAttachmentId(authToken: string, messageToken: string, index: number): string {
  return stableAttachmentId(authToken, `viber-media:${messageToken}:${index}`);
}

/**
 * Downloads a message's media (Viber's `media` URL: a public link on Viber's servers, no credentials
 * sent) and stores it. A refusal or an oversized file is noted and skipped; a timeout or a 5xx is
 * retryable. The declared type (from the message type and file name) wins over the served one.
 */
export function fetchViberMedia(
  messageToken: string,
  media: MediaReference[],
  authToken: string,
  store: AttachmentSink,
  maxBytes: number,
  fetchImpl: ViberFetch = fetch,
): Promise<FetchedMedia> {
  return downloadMedia(media, store, {
    maxBytes,
    timeoutMs: FETCH_TIMEOUT_MS,
    fetchImpl,
    describe({ contentType: declared, fileName }, i, served) {
      const contentType = declared && declared !== 'application/octet-stream' ? declared : served || declared || 'application/octet-stream';
      return { contentType, fileName: fileName ?? `media-${i + 1}`, id: mediaAttachmentId(authToken, messageToken, i) };
    },
  });
}
