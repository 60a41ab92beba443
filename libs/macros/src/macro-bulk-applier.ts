import { Inject, Injectable } from '@nestjs/common';
import type { Actor, BulkMacroApplier } from '@parley/conversations';
import { MacroApplier } from './macro-applier.service';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';

/** The bulk runner's BULK_MACRO_APPLIER: the requester acts with their role now (what they may use may have changed). */
@Injectable()
export class MacroBulkApplier implements BulkMacroApplier {
  constructor(@Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository, private readonly applier: MacroApplier) {}

  async apply(runId: string, conversationId: string, actor: Actor, undo: boolean): Promise<void> {
    const user = await this.repo.user(actor.id);
    if (!user) throw new Error(`The user who ran the macro no longer exists`);
    await this.applier.apply(runId, conversationId, user, undo);
  }
}
