import type { InboundMessage } from '@parley/channels-core';
import type { ChannelIdentityEntity, ConversationEntity, CustomerEntity } from '@parley/persistence';
import type { InboundClaimContext } from '../conversation-hooks';

/** A known sender of a batched message: identity, live customer, latest conversation in the message's inbox. */
export interface KnownSender {
  identity: ChannelIdentityEntity;
  customer: CustomerEntity;
  conversation: ConversationEntity | null;
}

/** The read side of group commit (the writes go through the IngestWriter). */
export interface IngestReads {
  /** For each message: its sender, or null when unknown or their customer was merged away (the full pipeline follows that). */
  knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]>;
  /** For each message: whether a hook (a survey waiting for an answer) might claim it. */
  mayClaim(items: InboundClaimContext[]): Promise<boolean[]>;
}

export const INGEST_READS = Symbol('INGEST_READS');
