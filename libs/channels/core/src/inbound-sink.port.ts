import type { DeliveryStatusUpdate, InboundMessage } from './channel-adapter.port';

/**
 * Where a source that is not a webhook (an SMTP listener, an IMAP or getUpdates poller) hands what
 * it received: the one ingest pipeline, implemented by the conversations capability. The source
 * parses; it never writes conversations itself.
 */
export interface InboundSink {
  /**
   * Stores one message (idempotent by inbox and provider message id); resolves once it is durable.
   * `conversationId` is null for an identity-only update (`InboundMessage.identityOnly`).
   */
  ingest(message: InboundMessage): Promise<{ duplicate: boolean; conversationId: string | null }>;
  /** A provider's report on one of our messages (an email bounce); false when no stored message took it. */
  deliveryStatus(inboxId: string, update: DeliveryStatusUpdate): Promise<boolean>;
}

export const INBOUND_SINK = Symbol('INBOUND_SINK');

/** What a source asks about stored messages before doing costly work; persistence implements it. */
export interface StoredMessageLookup {
  /** Whether the inbox already holds a message with this provider id (a redelivered mail). */
  hasProviderMessage(inboxId: string, providerMessageId: string): Promise<boolean>;
  /** Whether one of these messages of ours in the inbox is still waiting to go out. */
  anyPending(inboxId: string, messageIds: string[]): Promise<boolean>;
}

export const STORED_MESSAGE_LOOKUP = Symbol('STORED_MESSAGE_LOOKUP');
