import type { CollaboratorReason } from '@parley/contracts';
import type { AgentPresence } from '@parley/domain';
import type { ConversationCollaboratorEntity, NotificationEntity, NotificationSettingsEntity } from '@parley/persistence';
import type { CollaboratorRepository } from '../ports/collaborator.repository';
import type { AgentName, ConversationFacts, NoteFacts, NotificationFactsRepository } from '../ports/notification-facts.repository';
import type { NotificationCursor, NotificationRepository } from '../ports/notification.repository';

const newestFirst = (a: NotificationEntity, b: NotificationEntity) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const before = (n: NotificationEntity, c: NotificationCursor | null) =>
  !c || n.createdAt.getTime() < c.at.getTime() || (n.createdAt.getTime() === c.at.getTime() && n.id < c.id);

/** Notifications, collaborators and the rows they read, in memory, for unit specs. */
export class InMemoryNotifications implements NotificationRepository, NotificationFactsRepository {
  notifications: NotificationEntity[] = [];
  settingRows = new Map<string, NotificationSettingsEntity>();
  readonly collaborators = new InMemoryCollaborators(this);
  conversations = new Map<string, ConversationFacts>();
  messages = new Map<string, NoteFacts>();
  users: (AgentName & { role?: string; disabled?: boolean })[] = [];
  presences = new Map<string, AgentPresence>();
  leads = new Map<string, string[]>();
  surveys = new Map<string, string>();

  async insertNew(rows: NotificationEntity[]) {
    const fresh = rows.filter((r) => !this.notifications.some((n) => n.id === r.id));
    this.notifications.push(...fresh.map((r) => ({ ...r })));
    return fresh;
  }

  async list(userId: string, cursor: NotificationCursor | null, limit: number) {
    return this.notifications.filter((n) => n.userId === userId && before(n, cursor)).sort(newestFirst).slice(0, limit).map((n) => ({ ...n }));
  }

  async unreadCount(userId: string) { return this.notifications.filter((n) => n.userId === userId && !n.readAt).length; }

  async find(userId: string, id: string) {
    const n = this.notifications.find((r) => r.userId === userId && r.id === id);
    return n ? { ...n } : null;
  }

  async markRead(userId: string, ids: string[], at: Date) {
    const rows = this.notifications.filter((n) => n.userId === userId && ids.includes(n.id) && !n.readAt);
    rows.forEach((n) => (n.readAt = at));
    return rows.map((n) => n.id);
  }

  async markAllRead(userId: string, upTo: Date, at: Date) {
    this.notifications.filter((n) => n.userId === userId && !n.readAt && n.createdAt <= upTo).forEach((n) => (n.readAt = at));
  }

  async prune(keep: number) {
    const users = new Set(this.notifications.map((n) => n.userId));
    const kept = [...users].flatMap((u) => this.notifications.filter((n) => n.userId === u).sort(newestFirst).slice(0, keep));
    const gone = this.notifications.length - kept.length;
    this.notifications = this.notifications.filter((n) => kept.includes(n));
    return gone;
  }

  async settings(userIds: string[]) { return userIds.flatMap((id) => (this.settingRows.has(id) ? [{ ...this.settingRows.get(id)! }] : [])); }
  async saveSettings(row: NotificationSettingsEntity) { this.settingRows.set(row.userId, { ...row }); }

  async conversation(id: string) { return this.conversations.get(id) ?? null; }
  async conversationsOf(ids: readonly string[]) { return [...new Set(ids)].flatMap((id) => (this.conversations.has(id) ? [this.conversations.get(id)!] : [])); }
  async message(id: string) { return this.messages.get(id) ?? null; }
  async messagesOf(ids: readonly string[]) { return [...new Set(ids)].flatMap((id) => (this.messages.has(id) ? [this.messages.get(id)!] : [])); }
  async agents() { return this.users.filter((u) => !u.disabled).map(({ id, name }) => ({ id, name })); }
  async names(userIds: string[]) { return this.users.filter((u) => userIds.includes(u.id)).map(({ id, name }) => ({ id, name })); }
  async presence(userIds: string[]) { return new Map([...this.presences].filter(([id]) => userIds.includes(id))); }
  async teamLeads(teamId: string) { return this.leads.get(teamId) ?? []; }
  async surveyType(surveyId: string) { return this.surveys.get(surveyId) ?? null; }
}

/** The collaborator port over the same users. */
export class InMemoryCollaborators implements CollaboratorRepository {
  rows: ConversationCollaboratorEntity[] = [];

  constructor(private readonly store: { users: AgentName[] }) {}

  async list(conversationId: string) {
    return this.rows.filter((c) => c.conversationId === conversationId)
      .map((c) => ({ ...c, name: this.store.users.find((u) => u.id === c.userId)?.name ?? '' }));
  }

  async followers(conversationIds: readonly string[]) {
    return this.rows.filter((c) => conversationIds.includes(c.conversationId)).map(({ conversationId, userId }) => ({ conversationId, userId }));
  }

  async add(conversationId: string, userIds: string[], addedBy: string | null, reason: CollaboratorReason, at: Date) {
    const added = [...new Set(userIds)].filter((u) => !this.rows.some((c) => c.conversationId === conversationId && c.userId === u));
    this.rows.push(...added.map((userId) => ({ conversationId, userId, addedBy, reason, createdAt: at })));
    return added;
  }

  async remove(conversationId: string, userId: string) {
    const count = this.rows.length;
    this.rows = this.rows.filter((c) => !(c.conversationId === conversationId && c.userId === userId));
    return this.rows.length < count;
  }
}
