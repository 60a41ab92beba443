import type { Channel } from '@parley/contracts';
import type { InboxRef } from './channel-adapter.port';

/**
 * The inboxes of one channel, for sources that are not called per inbox (an SMTP listener that
 * routes by recipient address, a poller that runs one loop per inbox). Persistence implements it.
 */
export interface InboxDirectory {
  /** Every inbox of the channel, oldest first, with its settings (secrets opened). */
  ofChannel(channel: Channel): Promise<InboxRef[]>;
}

export const INBOX_DIRECTORY = Symbol('INBOX_DIRECTORY');
