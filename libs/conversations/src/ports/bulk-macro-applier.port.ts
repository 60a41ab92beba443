import type { Actor } from '../conversations.service';

/**
 * Applies a macro's run (or its undo) to one conversation of a bulk operation, all or nothing for
 * that conversation. The composition provides it over the macros capability, which this lib does
 * not import; without it a `macro` bulk action fails each conversation with a clear reason.
 */
export interface BulkMacroApplier {
  apply(runId: string, conversationId: string, actor: Actor, undo: boolean): Promise<void>;
}

export const BULK_MACRO_APPLIER = Symbol('BULK_MACRO_APPLIER');
