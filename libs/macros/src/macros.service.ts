import { BadRequestException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { CANNED_SCOPES, MACRO_EVENTS, type CannedScope, type MacroDto, type MacroInputDto } from '@parley/contracts';
import { mayEdit, mayUse, scopeKey } from '@parley/canned-responses';
import { cleanMacroName, type MacroAction, type MacroCheck, newId, validateMacroActions } from '@parley/domain';
import type { MacroEntity } from '@parley/persistence';
import { type CheckedReferences, MacroChecks } from './macro-checks.service';
import { missingReference } from './macro-problems';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';
import { MACRO_TARGETS, type MacroActor, type MacroTargets } from './ports/macro-targets.port';

/**
 * Macros, scoped as canned responses: personal (their owner's), team (its members') and shared
 * (everyone's). Agents write their own personal ones; team and shared ones are the admins'. Every
 * action's reference (label, team, agent, canned response) must exist when the macro is saved.
 */
@Injectable()
export class MacrosService {
  constructor(
    @Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository,
    @Inject(MACRO_TARGETS) private readonly targets: MacroTargets,
    private readonly checks: MacroChecks,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /** What the actor may run: their own, their teams' (an admin: every team's) and shared ones, by name. */
  async list(actor: MacroActor): Promise<MacroDto[]> {
    const teamIds = await this.repo.teamIdsOf(actor.id);
    const keys = ['shared', scopeKey('personal', actor.id, null), ...teamIds.map((t) => scopeKey('team', null, t))];
    const rows = await this.repo.list(keys, actor.role === 'admin');
    // One check of every reference of every macro: problems come back by action index, shifted per macro.
    const all = rows.flatMap((r) => r.actions);
    const refs = Object.fromEntries(rows.flatMap((r, k) => Object.entries(r.refs).map(([i, name]) => [offset(rows, k) + Number(i), name])));
    const checked = await this.checks.references(actor, { actions: all, refs });
    return rows.map((r, k) => this.toDto(r, actor, shifted(checked, offset(rows, k), r.actions.length)));
  }

  /** One macro the actor may run; 404 for any other, so ids of others' personal ones reveal nothing. */
  async usable(actor: MacroActor, id: string): Promise<MacroEntity> {
    const row = await this.repo.get(id);
    if (!row || !mayUse(actor, row.scope === 'team' ? await this.repo.teamIdsOf(actor.id) : [], row)) throw new NotFoundException(`Macro ${id} not found`);
    return row;
  }

  async get(actor: MacroActor, id: string): Promise<MacroDto> {
    return this.dto(await this.usable(actor, id), actor);
  }

  async create(actor: MacroActor, input: MacroInputDto): Promise<MacroDto> {
    const scope = checkedScope(input.scope ?? 'personal');
    const teamId = scope === 'team' ? await this.checkedTeam(input.teamId) : null;
    refuseUnlessEditable(actor, { scope, ownerId: actor.id });
    const actions = checked(validateMacroActions(input.actions));
    const now = new Date();
    const row: MacroEntity = {
      id: newId(), name: checked(cleanMacroName(input.name)), scope, scopeKey: scopeKey(scope, actor.id, teamId), ownerId: actor.id, teamId,
      actions, refs: await this.liveRefs(actor, actions), createdAt: now, updatedAt: now,
    };
    await this.repo.insert(row);
    return this.saved(row, actor);
  }

  /** Absent fields keep their value. Moving a macro to another scope needs the right to write both. */
  async update(actor: MacroActor, id: string, input: Partial<MacroInputDto>): Promise<MacroDto> {
    const current = await this.usable(actor, id);
    refuseUnlessEditable(actor, current);
    const scope = input.scope === undefined ? current.scope : checkedScope(input.scope);
    const teamId = scope !== 'team' ? null : input.teamId === undefined && current.teamId ? current.teamId : await this.checkedTeam(input.teamId);
    const ownerId = scope === 'personal' && current.scope !== 'personal' ? actor.id : current.ownerId;
    refuseUnlessEditable(actor, { scope, ownerId });
    const actions = input.actions === undefined ? current.actions : checked(validateMacroActions(input.actions));
    const changes: Partial<MacroEntity> = {
      name: input.name === undefined ? current.name : checked(cleanMacroName(input.name)),
      scope, teamId, ownerId, scopeKey: scopeKey(scope, ownerId, teamId), actions,
      refs: input.actions === undefined ? current.refs : await this.liveRefs(actor, actions),
      updatedAt: new Date(),
    };
    await this.repo.update(id, changes);
    return this.saved({ ...current, ...changes }, actor);
  }

  async remove(actor: MacroActor, id: string): Promise<void> {
    refuseUnlessEditable(actor, await this.usable(actor, id));
    await this.repo.delete(id);
    this.realtime.toAgents(MACRO_EVENTS.changed, { id });
  }

  async dto(row: MacroEntity, actor: MacroActor): Promise<MacroDto> {
    return this.toDto(row, actor, await this.checks.references(actor, row));
  }

  /** The names of what the actions point at, each of which must exist (422 naming what does not). */
  private async liveRefs(actor: MacroActor, actions: MacroAction[]): Promise<Record<number, string>> {
    const checkedRefs = await this.checks.references(actor, { actions, refs: {} });
    if (checkedRefs.problems.length) {
      throw new UnprocessableEntityException(checkedRefs.problems.map(missingReference).join('; '));
    }
    const refs: Record<number, string> = {};
    for (const [i, a] of actions.entries()) {
      const name = a.type === 'label' || a.type === 'unlabel' ? checkedRefs.live.labels.get(a.labelId)
        : a.type === 'team' && a.teamId ? checkedRefs.live.teams.get(a.teamId)
          : a.type === 'assign' && a.agentId ? checkedRefs.live.agents.get(a.agentId)
            : a.type === 'reply' ? checkedRefs.cannedTitles.get(a.cannedResponseId) : undefined;
      if (name) refs[i] = name;
    }
    return refs;
  }

  private async checkedTeam(teamId: string | null | undefined): Promise<string> {
    if (!teamId) throw new BadRequestException('A team macro needs teamId');
    const id = teamId.toLowerCase();
    if (!(await this.targets.references({ labels: [], teams: [id], agents: [] })).teams.has(id)) throw new BadRequestException(`Team ${teamId} not found`);
    return id;
  }

  private toDto(r: MacroEntity, actor: MacroActor, refs: CheckedReferences): MacroDto {
    return {
      id: r.id, name: r.name, scope: r.scope, ownerId: r.ownerId, teamId: r.teamId, actions: r.actions, refs: r.refs, problems: refs.problems,
      editable: mayEdit(actor, r), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    };
  }

  private async saved(row: MacroEntity, actor: MacroActor): Promise<MacroDto> {
    this.realtime.toAgents(MACRO_EVENTS.changed, { id: row.id });
    return this.dto(row, actor);
  }
}

const offset = (rows: MacroEntity[], k: number) => rows.slice(0, k).reduce((n, r) => n + r.actions.length, 0);

/** The problems of one macro's slice of a combined check, renumbered from its first action. */
function shifted(checked: CheckedReferences, from: number, count: number): CheckedReferences {
  const problems = checked.problems.filter((p) => p.action >= from && p.action < from + count)
    .map((p) => ({ ...p, action: p.action - from, message: p.message.replace(/^Action \d+:/, `Action ${p.action - from + 1}:`) }));
  return { ...checked, problems };
}

function checked<T>(check: MacroCheck<T>): T {
  if (check.ok) return check.value;
  throw new BadRequestException(check.errors.join('; '));
}

function checkedScope(scope: string): CannedScope {
  if (!(CANNED_SCOPES as readonly string[]).includes(scope)) throw new BadRequestException(`scope: "${scope}" is not one of ${CANNED_SCOPES.join(', ')}`);
  return scope as CannedScope;
}

function refuseUnlessEditable(actor: MacroActor, row: Pick<MacroEntity, 'scope' | 'ownerId'>): void {
  if (mayEdit(actor, row)) return;
  throw new ForbiddenException(row.scope === 'personal' ? 'You can change only your own personal macros' : 'Only admins change team and shared macros');
}
