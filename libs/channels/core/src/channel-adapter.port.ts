import type { AttachmentDto, Channel, DeliveryStatus } from '@parley/contracts';
import type { FetchedMedia, MediaReference } from './inbound-media.port';

/** The inbox as an adapter sees it: its id and its channel settings (secrets included). */
export interface InboxRef {
  id: string;
  channel: Channel;
  config: Record<string, unknown>;
}

/** A provider's HTTP call to one of our webhooks, as received. */
export interface InboundRequest {
  /** Full public URL the provider called (PUBLIC_URL + path + query): what signatures cover. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody?: Buffer;
}

/** Whatever a channel received, normalized: the one shape the ingest pipeline accepts. */
export interface InboundMessage {
  inboxId: string;
  channel: Channel;
  /** Provider's id of this message (MessageSid, update_id, Message-ID…): the idempotency key. */
  providerMessageId: string;
  sender: {
    /** Identity key on this channel: E.164 phone, Telegram user id, email address, visitor id. */
    externalId: string;
    displayName?: string | null;
    email?: string | null;
    phone?: string | null;
    /**
     * The id a customer first seen with this message takes (web chat announces it on connect, before
     * the visitor has written anything, and creates the customer only with the first message).
     */
    customerId?: string;
  };
  content: string;
  attachments?: AttachmentDto[];
  /** Media still at the provider: fetched by the worker after the message is stored (`fetchMedia`). */
  media?: MediaReference[];
  clientMessageId?: string | null;
  occurredAt?: Date;
  /** Stored on the message (email headers, Telegram chat id, SMS segments…). */
  metadata?: Record<string, unknown>;
  /**
   * Provider ids of earlier messages this one answers (email In-Reply-To/References, a Telegram
   * reply): when one is found in the inbox, the message joins that conversation, reopening it.
   */
  threadKeys?: string[];
  /**
   * A Parley conversation id the message names itself (an email's support+token@ address or
   * [#token] subject tag): joined, like threadKeys, when none of those is found and it is in this inbox.
   */
  conversationRef?: string;
  /** Merged into the conversation's metadata (email subject and CC list, used by replies). */
  conversationMetadata?: Record<string, unknown>;
  /**
   * Provider id of an earlier message this one edits (Telegram edited_message): the stored message
   * takes the new content and keeps the earlier versions in `metadata.edits`. `providerMessageId`
   * is then the edit's own id, which makes re-deliveries of the same edit no-ops.
   */
  edits?: string;
  /**
   * A phone number (E.164) the provider vouches is the sender's own (Telegram contact sharing): the
   * customer already known by it (an SMS/WhatsApp identity, or their phone) and this one become one.
   */
  verifiedPhone?: string;
  /** Changes to the sender's identity on this channel (opt-out keywords, metadata to merge). */
  identityUpdate?: { optedOut?: boolean; unreachable?: boolean; metadata?: Record<string, unknown> };
  /** Details that fill the customer's blanks (never overwrite what an agent recorded). */
  customerFill?: { name?: string | null; email?: string | null; phone?: string | null; attributes?: Record<string, unknown> };
  /**
   * Not a message: the sender's reaction to an earlier message (Meta's `reaction` event), by that
   * message's provider id. `emoji` null takes the sender's reaction back. It is kept on the reacted
   * message's `metadata.reactions` (one entry per sender, the latest event wins, taken-back ones kept
   * with `emoji: null` so an older event arriving late changes nothing); a reaction to a message that
   * is not stored is dropped. `providerMessageId` still names the event (the queue's job id).
   */
  reacts?: { to: string; emoji: string | null };
  /**
   * Not the customer's message but one the business sent them from elsewhere (Meta's message echo of
   * a reply written in the Page's own inbox, a VK community admin answering in VK): stored as an outbound message, already sent, never
   * delivered by Parley; `sender` is then the customer it went to. It continues their latest
   * conversation in the inbox (or opens one) without reopening it, counting as unread or notifying anyone.
   */
  sentElsewhere?: { authorName: string | null };
  /**
   * Not a message: a provider event about the sender alone (a Viber subscription or unsubscription,
   * the deep link a customer opened the chat with, VK's message_allow / message_deny). Only `identityUpdate` and `customerFill` are
   * applied; no message, conversation or timeline event is stored, and `content` is ignored. A sender
   * never seen before gets a customer only when `customerFill` tells something about them (an opt-out
   * from a stranger stores nothing). `providerMessageId` still names the event (the queue's job id).
   */
  identityOnly?: boolean;
}

export interface OutboundMessage {
  messageId: string;
  conversationId: string;
  customerId: string;
  /** The customer's identity on this channel. */
  recipient: { externalId: string };
  content: string;
  attachments: AttachmentDto[];
  authorName: string | null;
  createdAt: Date;
  /** The outbound message's own metadata (e.g. a template to use, CC addresses). */
  metadata: Record<string, unknown> | null;
  conversationMetadata: Record<string, unknown> | null;
  identityMetadata: Record<string, unknown> | null;
  /** Provider ids of the conversation's earlier messages, oldest first (email References). */
  references: string[];
  /** The customer's last message, for channels that quote it (email). */
  quoted: { content: string; authorName: string | null; createdAt: Date } | null;
}

export interface SendResult {
  providerMessageId: string | null;
  status: Extract<DeliveryStatus, 'queued' | 'sent' | 'delivered'>;
  /** Merged into the message's metadata (the Message-ID we generated, segment count…). */
  metadata?: Record<string, unknown>;
}

/** What an agent is about to send into, for channel rules such as WhatsApp's 24-hour window. */
export interface SendContext {
  lastInboundAt: Date | null;
  identity: { optedOut: boolean; unreachable: boolean; metadata: Record<string, unknown> | null } | null;
  /** The reply's metadata (e.g. `{ template: … }`). */
  metadata: Record<string, unknown> | null;
  /** The reply's files (a channel's size and type limits). */
  attachments?: AttachmentDto[];
  now: Date;
}

/** How a webhook is answered once its messages are durably stored or queued. */
export interface WebhookAck {
  status: number;
  contentType?: string;
  body?: string;
}

export interface DeliveryStatusUpdate {
  /** The message reported on; with `upTo`, only a key that names the report (idempotency). */
  providerMessageId: string;
  status: DeliveryStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  /**
   * A report on every message sent to one recipient up to a moment instead of one message (Meta's
   * read and delivery watermarks): each of the inbox's outbound messages to `recipient` (the
   * identity's externalId) created at or before `at` (ISO 8601) moves forward to `status`.
   */
  upTo?: { recipient: string; at: string };
}

/** Of these provider message ids, the ones already stored for one of our messages. */
export type RecordedLookup = (providerMessageIds: string[]) => Promise<ReadonlySet<string>>;

/** Marks a send error after which the message certainly did not go out (the provider refused it). */
export function notSent<E extends Error>(err: E): E & { notSent: true } {
  return Object.assign(err, { notSent: true as const });
}

/** Thrown by `send` when retrying cannot help (bad recipient, opted out, rejected credentials). */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  /**
   * @param identityUpdate what the failure says about the recipient's identity on this channel
   *   (Telegram 403 "bot was blocked by the user" → unreachable): applied to it, and shown.
   */
  constructor(message: string, readonly code?: string, readonly identityUpdate?: { optedOut?: boolean; unreachable?: boolean }) {
    super(message);
  }
}

/**
 * One per channel. The ingest and delivery pipelines are channel-agnostic: everything specific
 * to a provider (signatures, payload shapes, SDK calls) lives behind this port.
 */
export interface ChannelAdapter {
  readonly channel: Channel;
  /** The `:provider` segment of `/webhooks/:provider/:inboxId` this adapter answers, if any. */
  readonly provider?: string;
  /** Reason a message cannot be sent right now (shown to the agent), or null. */
  checkSendable?(context: SendContext, inbox: InboxRef): string | null;
  /**
   * Checks and completes an inbox's settings when it is created or changed (Telegram: getMe and
   * setWebhook). Throw to refuse them: the API answers 400 with the error's message and saves
   * nothing. May return the settings to store.
   */
  configure?(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown> | void>;
  /**
   * Store a webhook's messages before acknowledging it instead of queueing them. For providers
   * that deliver one chat's updates one at a time and wait for the answer (Telegram): acking after
   * the store keeps each chat in order, which the concurrently-run inbound queue would not.
   */
  readonly ingestInline?: boolean;
  /**
   * The body a provider expects back (Twilio: empty TwiML; Viber: 200, with the welcome message when
   * a customer opens the chat). Default: 204.
   */
  acknowledge?(request?: InboundRequest, inbox?: InboxRef): WebhookAck;
  /**
   * A provider checking the URL it is asked to call (Viber's `event: "webhook"` during set_webhook,
   * sent while the inbox is being created, before it is stored, signed with a token not yet saved):
   * answered with this before the inbox is looked up. It carries nothing, and nothing is stored.
   * Unlike `confirm`, it proves nothing about the inbox: it must answer only requests that carry nothing.
   */
  handshake?(request: InboundRequest): WebhookAck | null;
  /**
   * A provider asking an inbox's webhook to prove it is the inbox's (VK's Callback API
   * `confirmation`, answered with the community's confirmation code): asked after the inbox is found
   * and `verify` passed, before `parse`. Its answer is sent instead of parsing; null: an ordinary
   * delivery. Throwing answers 400 (the inbox cannot confirm: its settings lack what is asked).
   */
  confirm?(request: InboundRequest, inbox: InboxRef): WebhookAck | null;
  /**
   * For providers that send delivery reports to the same URL as messages (Viber's delivered, seen and
   * failed events): true sends this request the way of `…/status` (`parseStatus`).
   */
  isStatusReport?(request: InboundRequest): boolean;
  /**
   * `GET /webhooks/:provider/:inboxId`: a provider checking the webhook before it subscribes it
   * (Meta's `hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`). The answer to send, or null
   * when the request does not prove it knows the inbox's secret (answered 403).
   */
  challenge?(query: URLSearchParams, inbox: InboxRef): WebhookAck | null;
  /**
   * The provider reports delivery on the same webhook as messages (Meta: delivery, read and echo
   * events beside messages): the intake runs `parseStatus` on every inbound request too and queues
   * those reports before acknowledging it.
   */
  readonly statusOnInbound?: boolean;
  /** Checks the provider's signature or secret; false means 401/403 and nothing stored. */
  verify?(request: InboundRequest, inbox: InboxRef): boolean | Promise<boolean>;
  /** Turns a verified provider request into zero or more inbound messages. */
  parse?(request: InboundRequest, inbox: InboxRef): InboundMessage[] | Promise<InboundMessage[]>;
  /**
   * Delivers one outbound message; throws PermanentDeliveryError when a retry cannot help, and an
   * error marked `notSent` (see `notSent()`) when the provider answered that it did not take it.
   * Any other error (a timeout, a dropped connection) leaves open whether the message went out.
   */
  send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult>;
  /**
   * After an attempt that may have gone out unrecorded (a crash or a lost answer between the
   * provider taking the message and us storing its id), asks the provider for it: the retry adopts
   * what is found instead of sending twice. Null: the provider has no such message.
   * `recorded` tells which of the provider's message ids are already stored for another of our
   * messages: those are never adopted (an identical text sent a minute earlier is not this one).
   */
  findSent?(message: OutboundMessage, inbox: InboxRef, since: Date, recorded: RecordedLookup): Promise<SendResult | null>;
  /**
   * Downloads an inbound message's media (see `InboundMessage.media`) and stores it as attachments,
   * with ids derived from the provider's message id so that fetching again stores nothing new.
   */
  fetchMedia?(inbox: InboxRef, providerMessageId: string, media: MediaReference[]): Promise<FetchedMedia>;
  /**
   * The provider's current status of a message we sent (Twilio's Message resource), for one whose
   * status callbacks never came. Null: the provider does not know the message.
   */
  lookupStatus?(providerMessageId: string, inbox: InboxRef): Promise<DeliveryStatusUpdate | null>;
  /** How long a message may stay `queued`/`sent` without a report before `lookupStatus` is asked. */
  readonly statusLookupAfterMs?: number;
  /** Turns a provider's delivery-status callback into status updates. */
  parseStatus?(request: InboundRequest, inbox: InboxRef): DeliveryStatusUpdate[] | Promise<DeliveryStatusUpdate[]>;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
