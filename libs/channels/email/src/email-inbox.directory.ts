import { Inject, Injectable, Logger } from '@nestjs/common';
import { INBOX_DIRECTORY, type InboxDirectory, type InboxRef } from '@parley/channels-core';
import { matchInboxAddress } from './email-address';
import { EmailInboxConfig, parseEmailConfig } from './email-config';

export interface EmailInbox {
  ref: InboxRef;
  config: EmailInboxConfig;
}

const MAX_AGE_MS = 5_000;

/**
 * The email inboxes, by address. Read often (every RCPT TO, every poll) and changed rarely, so a
 * few seconds' cache; an address not in the cache re-reads it at once, so a new inbox receives
 * mail immediately.
 */
@Injectable()
export class EmailInboxDirectory {
  private readonly logger = new Logger(EmailInboxDirectory.name);
  private cache: { at: number; inboxes: EmailInbox[] } | null = null;
  private loading: Promise<EmailInbox[]> | null = null;

  constructor(@Inject(INBOX_DIRECTORY) private readonly directory: InboxDirectory) {}

  async all(fresh = false): Promise<EmailInbox[]> {
    if (!fresh && this.cache && Date.now() - this.cache.at < MAX_AGE_MS) return this.cache.inboxes;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** The inbox a recipient address reaches (support@ or support+tag@), with its tag. */
  async forRecipient(address: string): Promise<{ inbox: EmailInbox; tag: string | null } | null> {
    return find(await this.all(), address) ?? find(await this.all(true), address);
  }

  private async load(): Promise<EmailInbox[]> {
    const refs = await this.directory.ofChannel('email');
    const inboxes: EmailInbox[] = [];
    for (const ref of refs) {
      try {
        inboxes.push({ ref, config: parseEmailConfig(ref.config) });
      } catch (err) {
        this.logger.warn(`email inbox ${ref.id} skipped: ${err.message}`);
      }
    }
    this.cache = { at: Date.now(), inboxes };
    return inboxes;
  }
}

function find(inboxes: EmailInbox[], address: string): { inbox: EmailInbox; tag: string | null } | null {
  for (const inbox of inboxes) {
    const match = matchInboxAddress(inbox.config.address, address);
    if (match) return { inbox, tag: match.tag };
  }
  return null;
}
