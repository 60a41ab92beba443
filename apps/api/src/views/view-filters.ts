import { BadRequestException } from '@nestjs/common';
import { ASSIGNEE_ME, type ConversationFilter, type Validated } from '@parley/domain';
import type { ConversationQuery } from '@parley/conversations';

/** A validated filter, or a 400 carrying every message. */
export function validOrBadRequest<T>(result: Validated<T>): T {
  if (!result.ok) throw new BadRequestException(result.errors);
  return result.filter;
}

/** A view's filter as the one who opens it means it: `assigneeId: "me"` is their own id. */
export function conversationQueryFor(filter: ConversationFilter, userId: string): ConversationQuery {
  const { assigneeId, ...rest } = filter;
  return assigneeId ? { ...rest, assigneeId: assigneeId === ASSIGNEE_ME ? userId : assigneeId } : rest;
}
