import type { ConversationStatus, Priority } from '@parley/contracts';
import { renderCannedText } from '@parley/domain';
import type { LiveReferences, MacroActor, MacroChangeActor, MacroConversation, MacroTargets, RenderedReply } from '../ports/macro-targets.port';

export interface FakeCanned { title: string; text: string; ownerId?: string; maxLength?: number }

/** Conversations, labels and canned responses in memory; every change asked for is recorded in `changes`. */
export class FakeMacroTargets implements MacroTargets {
  conversations = new Map<string, MacroConversation & { customer: { name: string | null } }>();
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
    const c = this.conversations.get(id);
    return c ? { ...structuredClone(c) } : null;
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

  async renderNote(actor: MacroActor, text: string, conversationId: string) { return this.render(actor, text, conversationId); }
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
  async addLabel(id: string, labelId: string, actor: MacroChangeActor) { this.change('label', id, labelId, actor, (c) => void c.labelIds.push(labelId)); }
  async removeLabel(id: string, labelId: string, actor: MacroChangeActor) { this.change('unlabel', id, labelId, actor, (c) => void (c.labelIds = c.labelIds.filter((l) => l !== labelId))); }
  async send(id: string, text: string, isPrivate: boolean, _files: string[], actor: MacroChangeActor) { this.change(isPrivate ? 'note' : 'reply', id, text, actor, () => undefined); }
  async sendSurvey(id: string, actor: MacroChangeActor) { this.change('survey', id, null, actor, () => undefined); }

  private render(actor: MacroActor, text: string, conversationId: string) {
    const c = this.conversations.get(conversationId)!;
    return renderCannedText(text, { customer: { name: c.customer.name, email: null, phone: null, attributes: {} }, agent: { name: actor.name }, conversation: { id: c.id } });
  }

  private change(kind: string, id: string, value: unknown, actor: MacroChangeActor, apply: (c: MacroConversation) => void) {
    if (this.failOn === kind) throw new Error(`${kind} failed`);
    const c = this.conversations.get(id);
    if (!c) throw new Error(`Conversation ${id} not found`);
    apply(c);
    this.changes.push({ kind, conversationId: id, value, macro: actor.macro.name, undo: !!actor.macro.undo });
  }
}
