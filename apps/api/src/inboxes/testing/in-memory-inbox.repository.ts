import type { InboxEntity } from '@parley/persistence';
import type { InboxChanges, InboxRepository } from '../ports/inbox.repository';

const copy = (row: InboxEntity): InboxEntity => ({ ...row, config: structuredClone(row.config) });

/** `inboxes` in memory, for unit specs. Configs are kept in clear: sealing is the entity's, tested with it. */
export class InMemoryInboxRepository implements InboxRepository {
  inboxes = new Map<string, InboxEntity>();

  async list() { return [...this.inboxes.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(copy); }
  async byId(id: string) { const i = this.inboxes.get(id); return i ? copy(i) : null; }
  async exists(id: string) { return this.inboxes.has(id); }

  async webchatByWebsiteToken(token: string) {
    const i = [...this.inboxes.values()].find((x) => x.websiteToken === token && x.channel === 'webchat');
    return i ? copy(i) : null;
  }

  async insertIfAbsent(inbox: InboxEntity) {
    if (!this.inboxes.has(inbox.id)) this.inboxes.set(inbox.id, copy(inbox));
  }

  async update(id: string, changes: InboxChanges) {
    const i = this.inboxes.get(id);
    if (i) Object.assign(i, changes.config ? { ...changes, config: structuredClone(changes.config) } : changes);
  }
}
