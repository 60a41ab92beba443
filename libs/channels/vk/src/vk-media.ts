import { downloadMedia, stableAttachmentId, type AttachmentSink, type FetchedMedia, type MediaReference } from '@parley/channels-core';

const FETCH_TIMEOUT_MS = 30_000;
const MAX_MEDIA = 10;

/**
 * The attachment id of a message's Nth file: derived from the inbox and VK's message id with the
 * community token, so a redelivered event stores the same row again and nobody can guess it.
 */
export function vkMediaId(accessToken: string, inboxId: string, providerMessageId: string, index: number): string {
  return stableAttachmentId(accessToken, `vk-media:${inboxId}:${providerMessageId}:${index}`);
}

/**
 * Downloads a message's photos and documents (at most ten) from VK's servers (their URLs carry their
 * own access keys) and stores them. A refusal or an oversized file is recorded as skipped; a timeout
 * or a 5xx is retryable.
 */
export function fetchVkMedia(
  ids: (index: number) => string,
  media: MediaReference[],
  store: AttachmentSink,
  maxBytes: number,
  fetchImpl: typeof fetch = fetch,
): Promise<FetchedMedia> {
  return downloadMedia(media.slice(0, MAX_MEDIA), store, {
    maxBytes,
    timeoutMs: FETCH_TIMEOUT_MS,
    fetchImpl,
    tooLarge: `larger than the ${Math.floor(maxBytes / 1024 / 1024)} MB attachment limit`,
    describe: (ref, i, served) => ({ contentType: ref.contentType ?? (served || 'application/octet-stream'), fileName: ref.fileName ?? `file-${i + 1}`, id: ids(i) }),
  });
}
