import type { AttachmentDto, Channel, DeliveryStatus } from '@parley/contracts';

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
  };
  content: string;
  attachments?: AttachmentDto[];
  clientMessageId?: string | null;
  occurredAt?: Date;
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
}

export interface SendResult {
  providerMessageId: string | null;
  status: Extract<DeliveryStatus, 'queued' | 'sent' | 'delivered'>;
}

export interface DeliveryStatusUpdate {
  providerMessageId: string;
  status: DeliveryStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/** Thrown by `send` when retrying cannot help (bad recipient, opted out, rejected credentials). */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/**
 * One per channel. The ingest and delivery pipelines are channel-agnostic: everything specific
 * to a provider (signatures, payload shapes, SDK calls) lives behind this port.
 */
export interface ChannelAdapter {
  readonly channel: Channel;
  /** Checks the provider's signature or secret; false means 401/403 and nothing stored. */
  verify?(request: InboundRequest, inbox: InboxRef): boolean | Promise<boolean>;
  /** Turns a verified provider request into zero or more inbound messages. */
  parse?(request: InboundRequest, inbox: InboxRef): InboundMessage[] | Promise<InboundMessage[]>;
  /** Delivers one outbound message; throws PermanentDeliveryError when a retry cannot help. */
  send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult>;
  /** Turns a provider's delivery-status callback into status updates. */
  parseStatus?(request: InboundRequest, inbox: InboxRef): DeliveryStatusUpdate[] | Promise<DeliveryStatusUpdate[]>;
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
