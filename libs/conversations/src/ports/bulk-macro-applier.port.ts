import type { ConversationEntity } from '@parley/persistence';
import type { Actor } from '../conversations.service';

/** One page of a bulk macro run, prepared once: what every conversation of the page shares is read and checked there. */
export interface BulkMacroPage {
  /** One conversation of the page (one of the rows it was prepared with), all or nothing for that conversation. */
  apply(conversationId: string): Promise<void>;
  /** Writes what the page's conversations ended in; called once after the last `apply`, before the progress is saved. */
  end(): Promise<void>;
}

/**
 * Applies a macro's run (or its undo) to the conversations of a bulk operation, a page at a time,
 * each conversation all or nothing. The composition provides it over the macros capability, which
 * this lib does not import; without it a `macro` bulk action fails each conversation with a clear reason.
 */
export interface BulkMacroApplier {
  /** `rows`: the page's conversations as the runner read them (each is read once per page). */
  page(runId: string, rows: ConversationEntity[], actor: Actor, undo: boolean): Promise<BulkMacroPage>;
}

export const BULK_MACRO_APPLIER = Symbol('BULK_MACRO_APPLIER');
