import { Inject, Injectable } from '@nestjs/common';
import type { MacroActionPreviewDto, MacroConversationPreviewDto, MacroProblemDto } from '@parley/contracts';
import { IRREVERSIBLE_ACTIONS, type MacroAction, renderCannedText } from '@parley/domain';
import { problem } from './macro-problems';
import { type LiveReferences, MACRO_TARGETS, type MacroActor, type MacroConversation, type MacroTargets } from './ports/macro-targets.port';

/** A macro as checked and run: its actions and the names its references had when saved. */
export interface MacroPlan {
  id: string;
  name: string;
  actions: MacroAction[];
  refs: Record<number, string>;
}

/** What the actions of a plan point at, and which of it is gone. */
export interface CheckedReferences {
  live: LiveReferences;
  cannedTitles: Map<string, string>;
  problems: MacroProblemDto[];
}

/**
 * Everything checked before a macro changes anything: its references (a label, team, agent or
 * canned response deleted since it was saved), then for each conversation what every action would
 * do and why it could not (a placeholder without a value, a text over the channel's limit, a
 * customer who cannot be written to, no survey switched on).
 */
@Injectable()
export class MacroChecks {
  constructor(@Inject(MACRO_TARGETS) private readonly targets: MacroTargets) {}

  async references(actor: MacroActor, plan: Pick<MacroPlan, 'actions' | 'refs'>): Promise<CheckedReferences> {
    const ids = { labels: [] as string[], teams: [] as string[], agents: [] as string[] };
    for (const a of plan.actions) {
      if (a.type === 'label' || a.type === 'unlabel') ids.labels.push(a.labelId);
      if (a.type === 'team' && a.teamId) ids.teams.push(a.teamId);
      if (a.type === 'assign' && a.agentId) ids.agents.push(a.agentId);
    }
    const live = await this.targets.references(ids);
    const cannedTitles = new Map<string, string>();
    const problems: MacroProblemDto[] = [];
    for (const [i, a] of plan.actions.entries()) {
      const name = plan.refs[i] ?? '';
      if ((a.type === 'label' || a.type === 'unlabel') && !live.labels.has(a.labelId)) problems.push(problem(i, 'label_deleted', { name: name || a.labelId }));
      if (a.type === 'team' && a.teamId && !live.teams.has(a.teamId)) problems.push(problem(i, 'team_deleted', { name: name || a.teamId }));
      if (a.type === 'assign' && a.agentId && !live.agents.has(a.agentId)) problems.push(problem(i, 'agent_deleted', { name: name || a.agentId }));
      if (a.type === 'reply') {
        const title = cannedTitles.get(a.cannedResponseId) ?? (await this.targets.cannedTitle(actor, a.cannedResponseId));
        if (title === null) problems.push(problem(i, 'canned_deleted', { name: name || a.cannedResponseId }));
        else cannedTitles.set(a.cannedResponseId, title);
      }
    }
    return { live, cannedTitles, problems };
  }

  /** What each action will do on this conversation; `ok` only when every one can. */
  async preview(actor: MacroActor, plan: MacroPlan, c: MacroConversation, refs?: CheckedReferences): Promise<MacroConversationPreviewDto> {
    const checked = refs ?? (await this.references(actor, plan));
    let sendRefusal: Promise<string | null> | null = null;
    const refusal = () => (sendRefusal ??= this.targets.sendRefusal(c.id));
    const actions: MacroActionPreviewDto[] = [];
    for (const [i, a] of plan.actions.entries()) {
      const view: MacroActionPreviewDto = {
        action: i, type: a.type, changes: changes(a, c), irreversible: IRREVERSIBLE_ACTIONS.includes(a.type), problems: checked.problems.filter((p) => p.action === i),
      };
      if (a.type === 'note') {
        const note = renderCannedText(a.text, { customer: c.customer, agent: { name: actor.name }, conversation: { id: c.id } });
        view.text = note.text;
        if (note.missing.length) view.problems.push(problem(i, 'unfilled_variable', { names: braces(note.missing) }));
      }
      if (a.type === 'reply' && !view.problems.length) {
        const reply = await this.targets.renderReply(actor, a.cannedResponseId, c.id);
        if (!reply) {
          view.problems.push(problem(i, 'canned_deleted', { name: plan.refs[i] ?? a.cannedResponseId }));
        } else {
          Object.assign(view, { text: reply.text, language: reply.language });
          if (reply.missing.length) view.problems.push(problem(i, 'unfilled_variable', { names: braces(reply.missing) }));
          if (reply.tooLong) view.problems.push(problem(i, 'too_long', reply.tooLong));
          const reason = await refusal();
          if (reason) view.problems.push(problem(i, 'not_sendable', { reason }));
        }
      }
      if (a.type === 'survey') {
        const reason = await this.targets.surveyRefusal(c.id);
        if (reason) view.problems.push(problem(i, 'survey_off', { reason }));
      }
      actions.push(view);
    }
    return { conversationId: c.id, customerName: c.customerName, ok: actions.every((a) => !a.problems.length), actions };
  }
}

/** Whether the action has anything to change on the conversation as it is. */
export function changes(a: MacroAction, c: MacroConversation): boolean {
  switch (a.type) {
    case 'label': return !c.labelIds.includes(a.labelId);
    case 'unlabel': return c.labelIds.includes(a.labelId);
    case 'assign': return c.assigneeId !== a.agentId;
    case 'team': return c.teamId !== a.teamId;
    case 'priority': return c.priority !== a.priority;
    case 'resolve': return c.status !== 'resolved';
    default: return true;
  }
}

const braces = (names: string[]) => names.map((n) => `{{${n}}}`).join(', ');
