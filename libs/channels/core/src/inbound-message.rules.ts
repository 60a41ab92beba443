import type { AttachmentDto } from '@parley/contracts';
import type { InboundMessage } from './channel-adapter.port';

/**
 * Column limits the ingest writes into (libs/persistence/src/entities), in characters as
 * PostgreSQL counts them (code points). Keys that name the message or its sender cannot be cut
 * without changing who or what they name: past the limit the message is refused. Descriptive
 * values (names) are cut to fit; optional details (an email, a phone) too long to be real are left out.
 */
export const INBOUND_LIMITS = {
  /** messages.provider_message_id, the idempotency key. */
  providerMessageId: 255,
  /** channel_identities.external_id. */
  externalId: 320,
  /** messages.client_message_id. */
  clientMessageId: 64,
  /** customers.name, channel_identities.display_name, messages.author_name. */
  name: 200,
  /** customers.email. */
  email: 320,
  /** customers.phone. */
  phone: 32,
  /** attachments.file_name and content_type, as the message's attachment list shows them. */
  fileName: 300,
  contentType: 200,
} as const;

/** Beyond this depth metadata is kept as given: adapters build it, they do not nest it this far. */
const MAX_CLEAN_DEPTH = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * PostgreSQL refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00"); a lone UTF-16
 * surrogate is no character at all (it would be stored as U+FFFD, or refused by a stricter reader).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export type InboundVerdict = { accepted: InboundMessage; refused?: undefined } | { refused: string; accepted?: undefined };

/**
 * Thrown by the ingest pipeline for a message that cannot be stored as it is: each channel answers
 * it its own way (a webhook 400, SMTP 554, a widget error ack), never by acknowledging it. It is
 * `permanent`: a queued job that hits it is not retried.
 */
export class InboundMessageRefused extends Error {
  readonly permanent = true;
  /** Refused after it was queued (acknowledged): not retried, but kept as a dead letter an admin sees. */
  readonly deadLetter = true;

  constructor(readonly reason: string) {
    super(`Inbound message refused: ${reason}`);
    this.name = 'InboundMessageRefused';
  }
}

export const isInboundRefusal = (err: unknown): err is InboundMessageRefused =>
  err instanceof InboundMessageRefused || (!!err && typeof err === 'object' && (err as Error).name === 'InboundMessageRefused');

/**
 * The gate every inbound message passes before it is acknowledged: either the message as it can be
 * stored (NUL bytes and lone surrogates removed from every text, names cut to their columns), or
 * the reason it cannot be.
 */
export function checkInboundMessage(inbound: InboundMessage): InboundVerdict {
  const providerMessageId = key(inbound.providerMessageId);
  if (!providerMessageId) return { refused: 'the provider message id is missing' };
  if (tooLong(providerMessageId, INBOUND_LIMITS.providerMessageId)) return { refused: `the provider message id is longer than ${INBOUND_LIMITS.providerMessageId} characters` };
  const externalId = key(inbound.sender?.externalId);
  if (!externalId) return { refused: 'the sender is missing' };
  if (tooLong(externalId, INBOUND_LIMITS.externalId)) return { refused: `the sender id is longer than ${INBOUND_LIMITS.externalId} characters` };
  if (typeof inbound.content !== 'string') return { refused: 'the content is not text' };
  const clientMessageId = inbound.clientMessageId == null ? inbound.clientMessageId : key(inbound.clientMessageId);
  if (clientMessageId && tooLong(clientMessageId, INBOUND_LIMITS.clientMessageId)) return { refused: `the client message id is longer than ${INBOUND_LIMITS.clientMessageId} characters` };
  // An edit whose original never reached us is stored under the original's id.
  const edits = inbound.edits == null ? undefined : key(inbound.edits) || undefined;
  if (edits && tooLong(edits, INBOUND_LIMITS.providerMessageId)) return { refused: `the edited message id is longer than ${INBOUND_LIMITS.providerMessageId} characters` };

  const { sender, customerFill, identityUpdate } = inbound;
  const accepted: InboundMessage = {
    ...inbound,
    providerMessageId,
    sender: {
      ...sender,
      externalId,
      ...('displayName' in sender ? { displayName: name(sender.displayName) } : {}),
      ...('email' in sender ? { email: detail(sender.email, INBOUND_LIMITS.email) } : {}),
      ...('phone' in sender ? { phone: detail(sender.phone, INBOUND_LIMITS.phone) } : {}),
      ...('customerId' in sender ? { customerId: UUID.test(sender.customerId ?? '') ? sender.customerId : undefined } : {}),
    },
    content: storableText(inbound.content),
    ...(inbound.attachments ? { attachments: inbound.attachments.map(attachment) } : {}),
    ...(clientMessageId !== undefined ? { clientMessageId } : {}),
    ...(inbound.occurredAt ? { occurredAt: Number.isNaN(new Date(inbound.occurredAt).getTime()) ? undefined : inbound.occurredAt } : {}),
    ...(inbound.metadata ? { metadata: storableJson(inbound.metadata) } : {}),
    ...(inbound.threadKeys
      ? { threadKeys: inbound.threadKeys.map(key).filter((k) => k && !tooLong(k, INBOUND_LIMITS.providerMessageId)) }
      : {}),
    ...(inbound.conversationRef !== undefined ? { conversationRef: UUID.test(inbound.conversationRef) ? inbound.conversationRef : undefined } : {}),
    ...(inbound.conversationMetadata ? { conversationMetadata: storableJson(inbound.conversationMetadata) } : {}),
    ...(inbound.edits !== undefined ? { edits } : {}),
    ...(inbound.sentElsewhere ? { sentElsewhere: { authorName: name(inbound.sentElsewhere.authorName) ?? null } } : {}),
    ...(inbound.verifiedPhone !== undefined ? { verifiedPhone: detail(inbound.verifiedPhone, INBOUND_LIMITS.phone) ?? undefined } : {}),
    ...(identityUpdate ? { identityUpdate: { ...identityUpdate, ...(identityUpdate.metadata ? { metadata: storableJson(identityUpdate.metadata) } : {}) } } : {}),
    ...(customerFill
      ? {
          customerFill: {
            ...customerFill,
            ...('name' in customerFill ? { name: name(customerFill.name) } : {}),
            ...('email' in customerFill ? { email: detail(customerFill.email, INBOUND_LIMITS.email) } : {}),
            ...('phone' in customerFill ? { phone: detail(customerFill.phone, INBOUND_LIMITS.phone) } : {}),
            ...(customerFill.attributes ? { attributes: storableJson(customerFill.attributes) } : {}),
          },
        }
      : {}),
  };
  return { accepted };
}

/** `checkInboundMessage` for callers that refuse by throwing (the ingest pipeline). */
export function storableInbound(inbound: InboundMessage): InboundMessage {
  const verdict = checkInboundMessage(inbound);
  if (verdict.refused !== undefined) throw new InboundMessageRefused(verdict.refused);
  return verdict.accepted;
}

/** The text without NUL bytes and lone surrogates; the same string when it has none (the usual case). */
export function storableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '') : text;
}

/** Every string of a JSON-like value (keys included) made storable; other values kept as they are. */
export function storableJson<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (depth >= MAX_CLEAN_DEPTH || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => storableJson(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[storableText(k)] = storableJson(v, depth + 1);
  return out as T;
}

function key(value: unknown): string {
  return typeof value === 'string' ? storableText(value) : typeof value === 'number' ? String(value) : '';
}

function codePoints(text: string): number {
  // A string of n UTF-16 units has at most n code points: only long ones need counting.
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function tooLong(text: string, max: number): boolean {
  return text.length > max && codePoints(text) > max;
}

function cut(text: string, max: number): string {
  return tooLong(text, max) ? Array.from(text).slice(0, max).join('') : text;
}

/** A name: trimmed and cut to its column; null when nothing is left. */
function name(value: string | null | undefined): string | null | undefined {
  if (value == null) return value;
  return cut(storableText(String(value)).trim(), INBOUND_LIMITS.name).trim() || null;
}

/** An optional detail (email, phone): left out when it cannot be a real one. */
function detail(value: string | null | undefined, max: number): string | null | undefined {
  if (value == null) return value;
  const clean = storableText(String(value)).trim();
  return clean && !tooLong(clean, max) ? clean : null;
}

function attachment(a: AttachmentDto): AttachmentDto {
  return {
    ...a,
    url: storableText(String(a.url ?? '')),
    contentType: cut(storableText(String(a.contentType ?? 'application/octet-stream')), INBOUND_LIMITS.contentType),
    ...(a.fileName != null ? { fileName: cut(storableText(String(a.fileName)), INBOUND_LIMITS.fileName) } : {}),
  };
}
