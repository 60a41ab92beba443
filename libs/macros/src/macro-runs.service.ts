import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { BulkOperationDto, MacroPreviewDto, MacroRunDto, MacroRunResultDto, MacroUndoResultDto } from '@parley/contracts';
import { BulkOperationsService, type BulkSelection } from '@parley/conversations';
import { IRREVERSIBLE_ACTIONS, isId, MAX_BULK_IDS, newId } from '@parley/domain';
import type { MacroEntity, MacroRunEntity } from '@parley/persistence';
import { MacroApplier } from './macro-applier.service';
import { MacroChecks } from './macro-checks.service';
import { cannotRun } from './macro-problems';
import { MacrosService } from './macros.service';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';
import { MACRO_TARGETS, type MacroActor, type MacroTargets } from './ports/macro-targets.port';

/** Conversations previewed at most; a larger selection shows these and its count. */
export const MACRO_PREVIEW_MAX = 20;
/** An undo of up to this many conversations is done at once; a larger one runs in the background. */
export const MACRO_UNDO_INLINE_MAX = 50;

/**
 * Running macros: a preview of what each action will do, a run on one conversation (at once, all or
 * nothing) or on a selection (a bulk operation, each conversation all or nothing, failures reported
 * per conversation), and one undo of the user's last run.
 */
@Injectable()
export class MacroRunsService {
  constructor(
    @Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository,
    @Inject(MACRO_TARGETS) private readonly targets: MacroTargets,
    private readonly macros: MacrosService,
    private readonly checks: MacroChecks,
    private readonly applier: MacroApplier,
    private readonly bulk: BulkOperationsService,
  ) {}

  /** `conversationIds`: the first of the selection (`total`: its size, when a view's). */
  async preview(actor: MacroActor, macroId: string, conversationIds: string[], total = conversationIds.length): Promise<MacroPreviewDto> {
    const macro = await this.macros.usable(actor, macroId);
    const ids = checkedIds(conversationIds, MACRO_PREVIEW_MAX);
    const refs = await this.checks.references(actor, macro);
    const conversations = [];
    for (const id of ids) {
      const c = await this.targets.conversation(id);
      if (!c) throw new NotFoundException(`Conversation ${id} not found`);
      conversations.push(await this.checks.preview(actor, macro, c, refs));
    }
    return { macro: { id: macro.id, name: macro.name }, total: Math.max(total, ids.length), conversations, problems: refs.problems };
  }

  /** One conversation, now: 422 naming every problem and nothing applied, or every action applied. */
  async runOne(actor: MacroActor, macroId: string, conversationId: string): Promise<MacroRunResultDto> {
    const macro = await this.macros.usable(actor, macroId);
    const refs = await this.checks.references(actor, macro);
    if (refs.problems.length) throw cannotRun(macro.name, refs.problems);
    if (!(await this.targets.conversation(conversationId))) throw new NotFoundException(`Conversation ${conversationId} not found`);
    const run = this.newRun(macro, actor, 1);
    await this.repo.insertRun(run);
    try {
      await this.applier.applyOne(run, conversationId, actor, refs);
    } catch (err) {
      await this.repo.updateRun(run.id, { state: 'failed' });
      throw err;
    }
    await this.repo.updateRun(run.id, { state: 'applied' });
    return { run: await this.toDto({ ...run, state: 'applied' }) };
  }

  /** A selection, in the background (202): the bulk operation's progress is the run's. */
  async runBulk(actor: MacroActor, macroId: string, selection: BulkSelection): Promise<MacroRunResultDto> {
    const macro = await this.macros.usable(actor, macroId);
    const refs = await this.checks.references(actor, macro);
    if (refs.problems.length) throw cannotRun(macro.name, refs.problems);
    const run = this.newRun(macro, actor, 0);
    await this.repo.insertRun(run);
    const operation = await this.bulk.start(selection, { type: 'macro', runId: run.id }, actor)
      .catch(async (err) => { await this.repo.updateRun(run.id, { state: 'failed' }); throw err; });
    Object.assign(run, { total: operation.total, bulkOperationId: operation.id });
    await this.repo.updateRun(run.id, { total: operation.total, bulkOperationId: operation.id });
    return { run: await this.toDto(run, operation), operation };
  }

  /** The user's last run (404 when there is none), with its progress. */
  async last(actor: MacroActor): Promise<MacroRunDto> {
    return this.toDto(await this.lastRun(actor));
  }

  /**
   * Puts back what the user's last run changed, once. Messages and surveys stay sent (`irreversible`);
   * a field someone changed since is left as they set it (`kept`).
   */
  async undoLast(actor: MacroActor): Promise<MacroUndoResultDto> {
    const run = await this.lastRun(actor);
    if (run.state === 'undone') throw new ConflictException(`The last run of "${run.macroName}" was already undone`);
    const current = await this.toDto(run);
    if (current.state === 'running') throw new ConflictException(`The run of "${run.macroName}" is still going on: undo it when it ends`);
    const ids = await this.repo.itemIds(run.id, 'applied');
    const undoneAt = new Date();
    await this.repo.updateRun(run.id, { state: 'undone', undoneAt });
    const irreversible = current.irreversible;
    if (ids.length > MACRO_UNDO_INLINE_MAX) {
      const operation = await this.bulk.start({ conversationIds: ids }, { type: 'macro', runId: run.id, undo: true }, actor, Math.max(ids.length, MAX_BULK_IDS));
      return { run: await this.toDto({ ...run, state: 'undone', undoneAt }), reverted: 0, kept: [], irreversible, operation };
    }
    const kept: string[] = [];
    for (const id of ids) kept.push(...(await this.applier.undoOne(run, id, actor)));
    return { run: await this.toDto({ ...run, state: 'undone', undoneAt }), reverted: ids.length, kept, irreversible };
  }

  private async lastRun(actor: MacroActor): Promise<MacroRunEntity> {
    const run = await this.repo.lastRun(actor.id);
    if (!run) throw new NotFoundException('You have no macro run to undo');
    return run;
  }

  private newRun(macro: MacroEntity, actor: MacroActor, total: number): MacroRunEntity {
    return {
      id: newId(), macroId: macro.id, macroName: macro.name, actions: macro.actions, userId: actor.id, state: 'running', total,
      bulkOperationId: null, createdAt: new Date(), undoneAt: null,
    };
  }

  /** A bulk run is `running` until its operation ends; it is then `applied`, or `failed` when no conversation took it. */
  private async toDto(run: MacroRunEntity, operation?: BulkOperationDto): Promise<MacroRunDto> {
    let state = run.state;
    if (state === 'running' && run.bulkOperationId) {
      const op = operation ?? (await this.bulk.get(run.bulkOperationId, { id: run.userId, name: '', seesAll: true }).catch(() => null));
      if (op && (op.state === 'done' || op.state === 'failed')) {
        state = op.state === 'failed' ? 'failed' : 'applied';
        await this.repo.updateRun(run.id, { state });
      }
    }
    const outcomes = await this.repo.outcomes(run.id);
    const sent = new Set(run.actions.map((a) => a.type).filter((t) => IRREVERSIBLE_ACTIONS.includes(t)));
    return {
      id: run.id, macroId: run.macroId, macroName: run.macroName, state, total: run.total,
      applied: (outcomes.applied ?? 0) + (outcomes.undone ?? 0), failed: outcomes.failed ?? 0, bulkOperationId: run.bulkOperationId,
      irreversible: [...sent], createdAt: run.createdAt.toISOString(), undoneAt: run.undoneAt?.toISOString() ?? null,
    };
  }
}

function checkedIds(ids: string[], max: number): string[] {
  const unique = [...new Set(ids.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)))];
  if (!unique.length || unique.length > max || !unique.every(isId)) throw new BadRequestException(`conversationIds must be a list of 1 to ${max} conversation ids`);
  return unique;
}
