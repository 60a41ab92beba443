import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { MacroConversationPreviewDto, MacroRef } from '@parley/contracts';
import { applicationOrder, emptyUndoRecord, type MacroAction, type MacroUndoRecord, statusToRestore, stillAsSet } from '@parley/domain';
import type { ConversationEntity, MacroRunEntity, MacroRunItemEntity } from '@parley/persistence';
import type { BulkMacroPage } from '@parley/conversations';
import { type CheckedReferences, MacroChecks, type MacroPlan } from './macro-checks.service';
import { cannotRun } from './macro-problems';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';
import { MACRO_TARGETS, type MacroActor, type MacroChangeActor, type MacroConversation, type MacroTargets } from './ports/macro-targets.port';

export const planOf = (run: MacroRunEntity): MacroPlan => ({ id: run.macroId, name: run.macroName, actions: run.actions, refs: {} });

/** What a bulk page read once for all its conversations, and the outcomes it writes at its end. */
interface PageState {
  /** The run's plan, with the names its references had when the page was checked (a reference deleted mid-page is named). */
  plan: MacroPlan;
  refs: CheckedReferences;
  /** Conversations the run already has a row for (a retried job). */
  seen: Set<string>;
  conversations: Map<string, MacroConversation>;
  settled: MacroRunItemEntity[];
}

/**
 * Applies a run to one conversation, all or nothing: every action is checked for that conversation
 * first, and nothing changes unless all can run. The conversation's row in the run is written
 * (`applying`) before the first change, so a retried job never applies or sends twice; changes undo
 * can take back go first, messages and the survey last, and a change that still fails puts back
 * those made before it. Each change goes through the capability's own call, marked with the macro.
 */
@Injectable()
export class MacroApplier {
  constructor(
    @Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository,
    @Inject(MACRO_TARGETS) private readonly targets: MacroTargets,
    private readonly checks: MacroChecks,
  ) {}

  /**
   * The bulk runner's page of a run (or of its undo): the run's rows for the page, the conversations
   * (from the rows the runner read) and the references are read once, and the outcomes of the page are
   * written in one statement at its end. Each conversation's `applying` row is still written before its
   * first change; a change that fails re-checks the references, so a label deleted mid-page fails the
   * rest of the page in the check, before anything changes.
   */
  async page(runId: string, rows: ConversationEntity[], actor: MacroActor, undo = false): Promise<BulkMacroPage> {
    const run = await this.repo.run(runId);
    if (!run) throw new NotFoundException(`Macro run ${runId} not found`);
    const ids = rows.map((r) => r.id);
    const [items, conversations] = await Promise.all([this.repo.itemsOf(run.id, ids), this.targets.conversations(rows)]);
    const byId = new Map(conversations.map((c) => [c.id, c]));
    if (undo) {
      const undone: MacroRunItemEntity[] = [];
      const who = { id: actor.id, name: actor.name, macro: { ...ref(run), undo: true } };
      return {
        apply: async (id) => {
          const item = items.find((i) => i.conversationId === id);
          if (!item || item.outcome !== 'applied') return;
          await this.revert(id, item.undo as MacroUndoRecord, who, byId.get(id));
          undone.push({ ...item, outcome: 'undone', updatedAt: new Date() });
        },
        end: () => this.repo.settleItems(undone),
      };
    }
    const plan = planOf(run);
    const refs = await this.checks.references(actor, plan);
    plan.refs = namesOf(plan, refs);
    const state: PageState = { plan, refs, seen: new Set(items.map((i) => i.conversationId)), conversations: byId, settled: [] };
    return {
      apply: async (id) => void (await this.applyOne(run, id, actor, undefined, state)),
      end: () => this.repo.settleItems(state.settled),
    };
  }

  /** `page`: a bulk page's shared reads; its successes are written by the page's end rather than one by one. */
  async applyOne(run: MacroRunEntity, conversationId: string, actor: MacroActor, refs?: CheckedReferences, page?: PageState): Promise<MacroConversationPreviewDto | null> {
    if (page ? page.seen.has(conversationId) : await this.repo.item(run.id, conversationId)) return null;
    const c = page ? page.conversations.get(conversationId) ?? null : await this.targets.conversation(conversationId);
    if (!c) throw new NotFoundException(`Conversation ${conversationId} not found`);
    page?.seen.add(conversationId);
    const plan = page?.plan ?? planOf(run);
    const preview = await this.checks.preview(actor, plan, c, page?.refs ?? refs);
    if (!preview.ok) {
      const error = cannotRun(run.macroName, preview.actions.flatMap((a) => a.problems));
      await this.repo.insertItem({ runId: run.id, conversationId, outcome: 'failed', undo: emptyUndoRecord(), error: error.message.slice(0, 1000), updatedAt: new Date() });
      throw error;
    }
    if (!(await this.repo.insertItem({ runId: run.id, conversationId, outcome: 'applying', undo: emptyUndoRecord(), error: null, updatedAt: new Date() }))) return null;
    const who: MacroChangeActor = { id: actor.id, name: actor.name, macro: ref(run) };
    const record = emptyUndoRecord();
    try {
      for (const i of applicationOrder(plan.actions)) await this.act(plan.actions[i], c, preview.actions[i].text ?? '', actor, who, record);
    } catch (err) {
      const kept = await this.revert(conversationId, record, { ...who, macro: { ...who.macro, undo: true } }).catch(() => ['the changes made before the failure']);
      const sent = record.sent.length ? ` (already sent: ${record.sent.join(', ')})` : '';
      const error = `${String(err?.message ?? err)}${sent}${kept.length ? `; not put back: ${kept.join(', ')}` : ''}`;
      await this.repo.updateItem(run.id, conversationId, { outcome: 'failed', undo: record, error: error.slice(0, 1000), updatedAt: new Date() });
      // A reference may have gone since the page was checked: the page's next conversations are checked against what is left.
      if (page) page.refs = await this.checks.references(actor, plan);
      throw err;
    }
    const applied: MacroRunItemEntity = { runId: run.id, conversationId, outcome: 'applied', undo: record, error: null, updatedAt: new Date() };
    if (page) page.settled.push(applied);
    else await this.repo.updateItem(run.id, conversationId, applied);
    return preview;
  }

  /** Puts one conversation back as the run found it, field by field, where nobody changed it since. Answers what was kept. */
  async undoOne(run: MacroRunEntity, conversationId: string, actor: MacroActor): Promise<string[]> {
    const item = await this.repo.item(run.id, conversationId);
    if (!item || item.outcome !== 'applied') return [];
    const kept = await this.revert(conversationId, item.undo as MacroUndoRecord, { id: actor.id, name: actor.name, macro: { ...ref(run), undo: true } });
    await this.repo.updateItem(run.id, conversationId, { outcome: 'undone', updatedAt: new Date() });
    return kept.map((what) => `${conversationId}: ${what}`);
  }

  private async act(a: MacroAction, c: MacroConversation, text: string, actor: MacroActor, who: MacroChangeActor, record: MacroUndoRecord): Promise<void> {
    const id = c.id;
    switch (a.type) {
      case 'label':
        if (c.labelIds.includes(a.labelId)) return;
        await this.targets.addLabel(id, a.labelId, who);
        c.labelIds.push(a.labelId);
        return void record.labelsAdded.push(a.labelId);
      case 'unlabel':
        if (!c.labelIds.includes(a.labelId)) return;
        await this.targets.removeLabel(id, a.labelId, who);
        c.labelIds = c.labelIds.filter((l) => l !== a.labelId);
        return void record.labelsRemoved.push(a.labelId);
      case 'assign':
        if (c.assigneeId === a.agentId) return;
        await this.targets.assign(id, { agentId: a.agentId }, who);
        record.assigneeId = { from: record.assigneeId?.from ?? c.assigneeId, to: a.agentId };
        return void (c.assigneeId = a.agentId);
      case 'team':
        if (c.teamId === a.teamId) return;
        await this.targets.assign(id, { teamId: a.teamId }, who);
        record.teamId = { from: record.teamId?.from ?? c.teamId, to: a.teamId };
        return void (c.teamId = a.teamId);
      case 'priority':
        if (c.priority === a.priority) return;
        await this.targets.setPriority(id, a.priority, who);
        record.priority = { from: record.priority?.from ?? c.priority, to: a.priority };
        return void (c.priority = a.priority);
      case 'snooze':
      case 'resolve': {
        if (a.type === 'resolve' && c.status === 'resolved') return;
        const to = a.type === 'snooze' ? { status: 'snoozed' as const, snoozedUntil: new Date(Date.now() + a.minutes * 60_000).toISOString() } : { status: 'resolved' as const, snoozedUntil: null };
        await this.targets.setStatus(id, to.status, to.snoozedUntil ?? undefined, who);
        record.status = { from: record.status?.from ?? { status: c.status, snoozedUntil: c.snoozedUntil }, to };
        return void Object.assign(c, to);
      }
      case 'note':
      case 'reply': {
        const attachments = a.type === 'reply' ? (await this.targets.renderReply(actor, a.cannedResponseId, id))?.attachmentIds ?? [] : [];
        await this.targets.send(id, text, a.type === 'note', attachments, who);
        return void record.sent.push(a.type);
      }
      case 'survey':
        await this.targets.sendSurvey(id, who);
        return void record.sent.push('survey');
    }
  }

  /** Each recorded change put back where it still holds what the run set; what someone changed since is named and left. */
  private async revert(conversationId: string, record: MacroUndoRecord, who: MacroChangeActor, known?: MacroConversation): Promise<string[]> {
    const c = known ?? (await this.targets.conversation(conversationId));
    if (!c) return ['the conversation is gone'];
    const kept: string[] = [];
    for (const labelId of record.labelsAdded) if (c.labelIds.includes(labelId)) await this.targets.removeLabel(conversationId, labelId, who);
    for (const labelId of record.labelsRemoved) {
      if (c.labelIds.includes(labelId)) continue;
      const live = await this.targets.references({ labels: [labelId], teams: [], agents: [] });
      if (live.labels.has(labelId)) await this.targets.addLabel(conversationId, labelId, who);
      else kept.push('a removed label that was deleted since');
    }
    if (record.assigneeId) {
      if (stillAsSet(record.assigneeId, c.assigneeId)) await this.targets.assign(conversationId, { agentId: record.assigneeId.from }, who);
      else kept.push('the agent, changed since');
    }
    if (record.teamId) {
      if (stillAsSet(record.teamId, c.teamId)) await this.targets.assign(conversationId, { teamId: record.teamId.from }, who);
      else kept.push('the team, changed since');
    }
    if (record.priority) {
      if (stillAsSet(record.priority, c.priority)) await this.targets.setPriority(conversationId, record.priority.from as MacroConversation['priority'], who);
      else kept.push('the priority, changed since');
    }
    if (record.status) {
      if (c.status === record.status.to.status) {
        const back = statusToRestore(record.status.from, new Date());
        await this.targets.setStatus(conversationId, back.status as MacroConversation['status'], back.snoozeUntil, who);
      } else kept.push('the status, changed since');
    }
    return kept;
  }
}

/** The name each action's reference has now, by action index. */
function namesOf(plan: MacroPlan, refs: CheckedReferences): Record<number, string> {
  const names: Record<number, string> = {};
  for (const [i, a] of plan.actions.entries()) {
    const name = a.type === 'label' || a.type === 'unlabel' ? refs.live.labels.get(a.labelId) : a.type === 'team' && a.teamId ? refs.live.teams.get(a.teamId)
      : a.type === 'assign' && a.agentId ? refs.live.agents.get(a.agentId) : a.type === 'reply' ? refs.cannedTitles.get(a.cannedResponseId) : undefined;
    if (name) names[i] = name;
  }
  return names;
}

const ref = (run: MacroRunEntity): MacroRef => ({ id: run.macroId, name: run.macroName, runId: run.id });
