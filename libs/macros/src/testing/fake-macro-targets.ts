import type { ConversationStatus, Priority } from '@parley/contracts';
import { renderCannedText } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import type { LiveReferences, MacroActor, MacroChangeActor, MacroConversation, MacroTargets, RenderedReply } from '../ports/macro-targets.port';

export interface FakeCanned { title: string; text: string; ownerId?: string; maxLength?: number }

/** Conversations, labels and canned responses in memory; every change asked for is recorded in `changes`. */
export class FakeMacroTargets implements MacroTargets {
  stored = new Map<string, MacroConversation>();
  /** How many times conversations were read: one by one, and a page at a time. */
  reads = { one: 0, page: 0 };
  labels = new Map<string, string>();
  canned = new Map<string, FakeCanned>();
  refusals = new Map<string, string>();
  surveysOn = true;
  changes: { kind: string; conversationId: string; value: unknown; macro: string; undo: boolean }[] = [];
  /** A change kind that fails when asked (the database went away mid-run). */
  failOn: string | null = null;
  teams = new Map<string, string>();
  agents = new Map<string, string>();

  async conversation(id: string) {
    this.reads.one += 1;
    const c = this.stored.get(id);
    return c ? { ...structuredClone(c) } : null;
  }

  async conversations(rows: ConversationEntity[]) {
    this.reads.page += 1;
    return rows.flatMap((r) => (this.stored.has(r.id) ? [structuredClone(this.stored.get(r.id)!)] : []));
  }

  async references(ids: { labels: string[]; teams: string[]; agents: string[] }): Promise<LiveReferences> {
    const pick = (map: Map<string, string>, wanted: string[]) => new Map(wanted.filter((id) => map.has(id)).map((id) => [id, map.get(id)!]));
    return { labels: pick(this.labels, ids.labels), teams: pick(this.teams, ids.teams), agents: pick(this.agents, ids.agents) };
  }

  async cannedTitle(actor: MacroActor, id: string) {
    const c = this.canned.get(id);
    return c && (!c.ownerId || c.ownerId === actor.id) ? c.title : null;
  }

  async renderReply(actor: MacroActor, id: string, conversationId: string): Promise<RenderedReply | null> {
    const c = this.canned.get(id);
    if (!c || (c.ownerId && c.ownerId !== actor.id)) return null;
    const r = this.render(actor, c.text, conversationId);
    const length = [...r.text].length;
    return { ...r, language: 'ru', attachmentIds: [], tooLong: c.maxLength && length > c.maxLength ? { length, max: c.maxLength } : null };
  }

  async sendRefusal(conversationId: string) { return this.refusals.get(conversationId) ?? null; }
  async surveyRefusal() { return this.surveysOn ? null : 'No survey is switched on for this inbox or team'; }

  async setStatus(id: string, status: ConversationStatus, snoozeUntil: string | undefined, actor: MacroChangeActor) {
    this.change('status', id, status, actor, (c) => Object.assign(c, { status, snoozedUntil: snoozeUntil ?? null }));
  }

  async assign(id: string, change: { agentId?: string | null; teamId?: string | null }, actor: MacroChangeActor) {
    this.change('assign', id, change, actor, (c) => {
      if (change.agentId !== undefined) c.assigneeId = change.agentId;
      if (change.teamId !== undefined) c.teamId = change.teamId;
    });
  }

  async setPriority(id: string, priority: Priority, actor: MacroChangeActor) { this.change('priority', id, priority, actor, (c) => void (c.priority = priority)); }
  async addLabel(id: string, labelId: string, actor: MacroChangeActor) {
    // As the labels capability: the label is looked up again in the change's own transaction.
    if (!this.labels.has(labelId)) throw new Error(`Label ${labelId} not found`);
    this.change('label', id, labelId, actor, (c) => void c.labelIds.push(labelId));
  }
  async removeLabel(id: string, labelId: string, actor: MacroChangeActor) { this.change('unlabel', id, labelId, actor, (c) => void (c.labelIds = c.labelIds.filter((l) => l !== labelId))); }
  async send(id: string, text: string, isPrivate: boolean, _files: string[], actor: MacroChangeActor) { this.change(isPrivate ? 'note' : 'reply', id, text, actor, () => undefined); }
  async sendSurvey(id: string, actor: MacroChangeActor) { this.change('survey', id, null, actor, () => undefined); }

  private render(actor: MacroActor, text: string, conversationId: string) {
    const c = this.stored.get(conversationId)!;
    return renderCannedText(text, { customer: c.customer, agent: { name: actor.name }, conversation: { id: c.id } });
  }

  private change(kind: string, id: string, value: unknown, actor: MacroChangeActor, apply: (c: MacroConversation) => void) {
    if (this.failOn === kind) throw new Error(`${kind} failed`);
    const c = this.stored.get(id);
    if (!c) throw new Error(`Conversation ${id} not found`);
    apply(c);
    this.changes.push({ kind, conversationId: id, value, macro: actor.macro.name, undo: !!actor.macro.undo });
  }
}
