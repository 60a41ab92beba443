import type { AttachmentDto } from '@parley/contracts';

/**
 * Media a provider keeps for an inbound message (Twilio's MediaUrlN). The webhook only records
 * these; the worker fetches them once the message is stored, so a slow media host never delays
 * the provider's acknowledgement.
 */
export interface MediaReference {
  url: string;
  contentType: string | null;
  /** The name the customer's file had (Viber's file_name, a VK document's title), when the provider says. */
  fileName?: string | null;
}

export interface NewAttachmentBytes {
  data: Buffer;
  contentType: string;
  fileName?: string | null;
  /** A stable id for bytes a provider may deliver again: saving them twice stores them once. */
  id?: string;
}

/** Where an adapter keeps the bytes it fetched; the returned DTO's url serves them. */
export interface AttachmentSink {
  save(input: NewAttachmentBytes): Promise<AttachmentDto>;
}

export const ATTACHMENT_SINK = Symbol('ATTACHMENT_SINK');

/** Bytes kept earlier, as an adapter needs them to send a file on. */
export interface StoredAttachmentBytes {
  data: Buffer;
  contentType: string;
  fileName: string | null;
}

/**
 * The attachment store as adapters that also send files see it (Telegram, email): persistence
 * implements it, so an adapter never reaches the database itself.
 */
export interface AttachmentStorePort extends AttachmentSink {
  /** Null when no attachment has this id (deleted, or never stored). */
  read(id: string): Promise<StoredAttachmentBytes | null>;
  /** The largest attachment `save` accepts: an adapter skips bigger files before downloading them. */
  readonly maxBytes: number;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

export interface FetchedMedia {
  /** In the order of the references. */
  attachments: AttachmentDto[];
  /** Media not kept, and why; `retryable` when a later attempt may succeed (a timeout, a 5xx). */
  skipped: { url: string; contentType: string | null; reason: string; retryable: boolean }[];
}
