import { BadRequestException } from '@nestjs/common';
import type { BulkSelection } from '@parley/conversations';
import { validateConversationFilter } from '@parley/domain';
import type { SavedViewsService } from '@parley/views';
import type { AuthUser } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';
import { conversationQueryFor, validOrBadRequest } from './view-filters';

export const SELECTIONS = ['conversationIds', 'viewId', 'filter'] as const;

/** The request body as an object (anything else reads as an empty one, refused by the checks that follow). */
export function bodyObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Exactly one of conversationIds, viewId or filter, besides the fields `others` names: 400 otherwise. */
export function checkSelectionFields(b: Record<string, unknown>, others: readonly string[]): void {
  const given = SELECTIONS.filter((key) => b[key] !== undefined);
  if (given.length !== 1) throw new BadRequestException('Give exactly one of conversationIds, viewId or filter');
  const unknown = Object.keys(b).filter((key) => !others.includes(key) && !(SELECTIONS as readonly string[]).includes(key));
  if (unknown.length) throw new BadRequestException(`Unknown fields: ${unknown.join(', ')}`);
}

/** Which conversations a bulk request means: the ids as given, or a view's or a filter's matches (`me` resolved). */
export async function selectionOf(b: Record<string, unknown>, user: AuthUser, views: SavedViewsService): Promise<BulkSelection> {
  if (b.conversationIds !== undefined) {
    if (!Array.isArray(b.conversationIds)) throw new BadRequestException('conversationIds must be a list of conversation ids');
    return { conversationIds: b.conversationIds.map((id) => (typeof id === 'string' ? id.toLowerCase() : id)) as string[] };
  }
  if (b.viewId !== undefined) {
    const view = await views.get(new IdPipe().transform(b.viewId), user);
    if (view.kind !== 'conversations') throw new BadRequestException('Bulk actions apply to a view of conversations');
    return { filter: conversationQueryFor(view.filters, user.id) };
  }
  return { filter: conversationQueryFor(validOrBadRequest(validateConversationFilter(b.filter)), user.id) };
}
