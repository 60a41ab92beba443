import type { InboxEntity } from '@parley/persistence';

/** What an edit of an inbox writes; its secrets are sealed by the entity on the way in. */
export type InboxChanges = Partial<Pick<InboxEntity, 'name' | 'config' | 'updatedAt'>>;

/** What the inbox administration and the front doors (webhooks, widget) read and write of `inboxes`. */
export interface InboxRepository {
  /** Every inbox, oldest first. */
  list(): Promise<InboxEntity[]>;
  byId(id: string): Promise<InboxEntity | null>;
  exists(id: string): Promise<boolean>;
  /** The web chat inbox a widget names by its website token. */
  webchatByWebsiteToken(token: string): Promise<InboxEntity | null>;
  /** Inserts unless an inbox with the id exists (two nodes starting at once both create the demo inbox). */
  insertIfAbsent(inbox: InboxEntity): Promise<void>;
  update(id: string, changes: InboxChanges): Promise<void>;
}

export const INBOX_REPOSITORY = Symbol('INBOX_REPOSITORY');
