import { Inject, Injectable } from '@nestjs/common';
import type { Actor, BulkMacroApplier, BulkMacroPage } from '@parley/conversations';
import type { ConversationEntity } from '@parley/persistence';
import { MacroApplier } from './macro-applier.service';
import { MACROS_REPOSITORY, type MacrosRepository } from './ports/macros.repository';

/** The bulk runner's BULK_MACRO_APPLIER: the requester acts with their role now (read once a page: what they may use may have changed). */
@Injectable()
export class MacroBulkApplier implements BulkMacroApplier {
  constructor(@Inject(MACROS_REPOSITORY) private readonly repo: MacrosRepository, private readonly applier: MacroApplier) {}

  async page(runId: string, rows: ConversationEntity[], actor: Actor, undo: boolean): Promise<BulkMacroPage> {
    const user = await this.repo.user(actor.id);
    if (!user) throw new Error(`The user who ran the macro no longer exists`);
    return this.applier.page(runId, rows, user, undo);
  }
}
