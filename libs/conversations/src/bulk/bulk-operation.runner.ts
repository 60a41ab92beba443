import { Inject, Injectable, Optional } from '@nestjs/common';
import { REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { VIEW_EVENTS } from '@parley/contracts';
import { type BulkAction, bulkActionChanges, finalBulkState, MAX_BULK_ERRORS } from '@parley/domain';
import { type BulkOperationEntity, type ConversationEntity, decodeCursor, encodeCursor } from '@parley/persistence';
import { type Actor, ConversationsService } from '../conversations.service';
import { BULK_MACRO_APPLIER, type BulkMacroApplier, type BulkMacroPage } from '../ports/bulk-macro-applier.port';
import { BULK_OPERATION_REPOSITORY, type BulkOperationRepository } from '../ports/bulk-operation.repository';
import { CONVERSATION_LABELLER, type ConversationLabeller } from '../ports/conversation-labeller.port';
import { CONVERSATION_REPOSITORY, type ConversationQuery, type ConversationRepository } from '../ports/conversation.repository';
import { toBulkOperationDto } from './bulk-operations.service';

/** Conversations changed between two progress writes. */
export const BULK_PAGE = 100;

interface Page {
  /** A conversation, or the id of one that does not exist. */
  items: (ConversationEntity | string)[];
  cursor: string | null;
}

/**
 * The queue job of a bulk operation: pages through the selection with the keyset cursor, applies
 * the action to each conversation, and writes progress (with the cursor) after every page. A retry
 * resumes after the last page written, and skips what is already changed (bulkActionChanges), so a
 * change and its timeline event happen once. One conversation failing is recorded and the rest go on.
 */
@Injectable()
export class BulkOperationRunner {
  constructor(
    @Inject(BULK_OPERATION_REPOSITORY) private readonly operations: BulkOperationRepository,
    @Inject(CONVERSATION_REPOSITORY) private readonly conversations: ConversationRepository,
    private readonly service: ConversationsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(CONVERSATION_LABELLER) private readonly labeller: ConversationLabeller,
    @Optional() @Inject(BULK_MACRO_APPLIER) private readonly macros: BulkMacroApplier | null = null,
  ) {}

  /** `lastAttempt`: the queue will not retry, so a failure ends the operation as failed rather than leaving it running. */
  async run(operationId: string, lastAttempt: boolean): Promise<void> {
    const op = await this.operations.operation(operationId);
    if (!op || op.state === 'done' || op.state === 'failed') return;
    try {
      await this.process(op);
    } catch (err) {
      if (lastAttempt) await this.finish(op, 'failed', `${String(err?.message ?? err)}`);
      throw err;
    }
  }

  private async process(op: BulkOperationEntity): Promise<void> {
    if (op.state === 'queued') await this.save(op, { state: 'running' });
    const actor: Actor = { id: op.requestedBy, name: (await this.conversations.user(op.requestedBy))?.name ?? 'Parley' };
    const action = op.action as BulkAction;
    for (;;) {
      const page = await this.page(op);
      if (!page.items.length) break;
      const errors = [...op.errors];
      let done = op.done;
      let failed = op.failed;
      const labelIds = await this.labelIdsOf(action, page.items);
      const macroPage = await this.macroPage(action, page.items, actor);
      for (const item of page.items) {
        try {
          if (typeof item === 'string') throw new Error(`Conversation ${item} not found`);
          if (macroPage) await macroPage.apply(item.id);
          else await this.apply(action, { ...item, labelIds: labelIds.get(item.id) ?? [] }, actor);
          done += 1;
        } catch (err) {
          failed += 1;
          if (errors.length < MAX_BULK_ERRORS) errors.push(`${typeof item === 'string' ? item : item.id}: ${String(err?.message ?? err)}`);
        }
        // better-sqlite3 answers synchronously, so thousands of changes would run as one chain of
        // microtasks and hold every HTTP request and socket of this process until the end.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await macroPage?.end();
      await this.save(op, { done, failed, errors, cursor: page.cursor });
    }
    await this.finish(op, finalBulkState(op.done + op.failed, op.failed));
  }

  private async apply(action: BulkAction, c: ConversationEntity & { labelIds: string[] }, actor: Actor): Promise<void> {
    if (!bulkActionChanges(action, c)) return;
    switch (action.type) {
      case 'status': return void (await this.service.setStatus(c.id, action.status, action.snoozeUntil, actor));
      case 'assign': return void (await this.service.assign(c.id, action.assigneeId, undefined, actor));
      case 'team': return void (await this.service.assign(c.id, undefined, action.teamId, actor));
      case 'priority': return void (await this.service.setPriority(c.id, action.priority, actor));
      case 'label': return this.labeller.add(c.id, action.labelId, actor);
      case 'unlabel': return this.labeller.remove(c.id, action.labelId, actor);
      case 'macro': throw new Error('A macro is applied a page at a time');
    }
  }

  /**
   * A macro's run works a page at a time: the run, the requester and the references are read and
   * checked once for the page, and the page's conversations (read here) are handed over as read.
   */
  private async macroPage(action: BulkAction, items: Page['items'], actor: Actor): Promise<BulkMacroPage | null> {
    if (action.type !== 'macro') return null;
    const rows = items.filter((item): item is ConversationEntity => typeof item !== 'string');
    const failing = (err: unknown): BulkMacroPage => ({ apply: async () => { throw err; }, end: async () => undefined });
    if (!this.macros) return failing(new Error('Macros are not available in this process'));
    // A page that cannot be prepared (the requester was deleted) fails each of its conversations with the reason.
    return this.macros.page(action.runId, rows, actor, !!action.undo).catch(failing);
  }

  /** The labels of a page's conversations in one read, for a label action only (the others do not look at them). */
  private async labelIdsOf(action: BulkAction, items: Page['items']): Promise<Map<string, string[]>> {
    const byConversation = new Map<string, string[]>();
    if (action.type !== 'label' && action.type !== 'unlabel') return byConversation;
    const ids = items.flatMap((item) => (typeof item === 'string' ? [] : [item.id]));
    for (const row of ids.length ? await this.conversations.labelsOf(ids) : []) {
      byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row.id]);
    }
    return byConversation;
  }

  private async page(op: BulkOperationEntity): Promise<Page> {
    const selection = op.selection as { conversationIds?: string[]; filter?: ConversationQuery };
    if (selection.conversationIds) {
      // Ids are stored sorted: the cursor is the last id handled.
      const ids = selection.conversationIds.filter((id) => !op.cursor || id > op.cursor).slice(0, BULK_PAGE);
      const found = new Map((await this.conversations.conversationsById(ids)).map((c) => [c.id, c]));
      const items = ids.map((id) => found.get(id) ?? id);
      return { items, cursor: ids[ids.length - 1] ?? op.cursor };
    }
    const rows = await this.conversations.listConversations(selection.filter ?? {}, decodeCursor(op.cursor ?? undefined), BULK_PAGE);
    const last = rows[rows.length - 1];
    return { items: rows, cursor: last ? encodeCursor(last.lastMessageAt, last.id) : op.cursor };
  }

  private async finish(op: BulkOperationEntity, state: 'done' | 'failed', error?: string): Promise<void> {
    const errors = error && op.errors.length < MAX_BULK_ERRORS ? [...op.errors, error] : op.errors;
    // The total was counted when the operation was requested; matches that came or went since are what was handled.
    await this.save(op, { state, total: op.done + op.failed, errors, finishedAt: new Date() });
  }

  private async save(op: BulkOperationEntity, changes: Partial<BulkOperationEntity>): Promise<void> {
    await this.operations.update(op.id, changes);
    Object.assign(op, changes);
    this.realtime.toAgent(op.requestedBy, VIEW_EVENTS.bulkProgress, toBulkOperationDto(op));
  }
}
