import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { BulkOperationDto } from '@parley/contracts';
import { type BulkAction, isId, MAX_BULK_IDS, newId } from '@parley/domain';
import type { BulkOperationEntity } from '@parley/persistence';
import { JOB_QUEUE, type JobQueue } from '@parley/queue';
import type { Actor } from '../conversations.service';
import { BULK_OPERATION_REPOSITORY, type BulkOperationRepository } from '../ports/bulk-operation.repository';
import { CONVERSATION_LABELLER, type ConversationLabeller } from '../ports/conversation-labeller.port';
import { CONVERSATION_REPOSITORY, type ConversationQuery, type ConversationRepository } from '../ports/conversation.repository';

export const BULK_QUEUE = 'bulk';
export const BULK_JOB = 'run';
export const BULK_ATTEMPTS = 3;

/** Which conversations a bulk action changes: a list picked by hand, or every match of a filter. */
export type BulkSelection = { conversationIds: string[] } | { filter: ConversationQuery };

export interface BulkRequester extends Actor {
  /** Supervisors and admins may follow anyone's operation; an agent their own. */
  seesAll: boolean;
}

export function toBulkOperationDto(row: BulkOperationEntity): BulkOperationDto {
  return {
    id: row.id, state: row.state, action: row.action as BulkAction, total: row.total, done: row.done, failed: row.failed, errors: row.errors,
    requestedBy: row.requestedBy, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Bulk actions on conversations. The request only records the operation and queues it (202): the
 * job (BulkOperationRunner) applies each change through the same ConversationsService method (or,
 * for labels, the CONVERSATION_LABELLER call) a single change uses, so every conversation gets its
 * timeline event and broadcast.
 */
@Injectable()
export class BulkOperationsService {
  constructor(
    @Inject(BULK_OPERATION_REPOSITORY) private readonly operations: BulkOperationRepository,
    @Inject(CONVERSATION_REPOSITORY) private readonly conversations: ConversationRepository,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CONVERSATION_LABELLER) private readonly labeller: ConversationLabeller,
  ) {}

  /** `maxIds`: a macro's undo names every conversation its run changed, which a view's run may make more than a request may list. */
  async start(selection: BulkSelection, action: BulkAction, requester: Actor, maxIds = MAX_BULK_IDS): Promise<BulkOperationDto> {
    await this.checkTarget(action);
    let total: number;
    let stored: BulkSelection;
    if ('conversationIds' in selection) {
      const ids = [...new Set(selection.conversationIds)];
      if (!ids.length || selection.conversationIds.length > maxIds || !ids.every(isId)) {
        throw new BadRequestException(`conversationIds must be a list of 1 to ${maxIds} conversation ids`);
      }
      total = ids.length;
      stored = { conversationIds: ids.sort() };
    } else {
      total = await this.conversations.countConversations(selection.filter);
      stored = { filter: selection.filter };
    }
    const row: BulkOperationEntity = {
      id: newId(), state: 'queued', action, selection: stored, total, done: 0, failed: 0, errors: [], cursor: null,
      requestedBy: requester.id, createdAt: new Date(), finishedAt: null,
    };
    await this.operations.insert(row);
    await this.queue.add(BULK_QUEUE, BULK_JOB, { operationId: row.id }, { jobId: `bulk-${row.id}`, attempts: BULK_ATTEMPTS, backoffMs: 2_000 });
    return toBulkOperationDto(row);
  }

  async get(id: string, requester: BulkRequester): Promise<BulkOperationDto> {
    const row = await this.operations.operation(id);
    if (!row || (!requester.seesAll && row.requestedBy !== requester.id)) throw new NotFoundException(`Bulk operation ${id} not found`);
    return toBulkOperationDto(row);
  }

  /** What the action points at must exist before anything is queued: one bad id would fail every conversation. */
  private async checkTarget(action: BulkAction): Promise<void> {
    if (action.type === 'assign' && action.assigneeId && !(await this.conversations.user(action.assigneeId))) {
      throw new BadRequestException(`Agent ${action.assigneeId} does not exist`);
    }
    if (action.type === 'team' && action.teamId && !(await this.conversations.teamExists(action.teamId))) {
      throw new BadRequestException(`Team ${action.teamId} does not exist`);
    }
    if ((action.type === 'label' || action.type === 'unlabel') && !(await this.labeller.labelExists(action.labelId))) {
      throw new NotFoundException(`Label ${action.labelId} not found`);
    }
  }
}
