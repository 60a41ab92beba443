import type { MessageDto } from '@parley/contracts';

/** Messages closer than this, from the same author and kind, share one author/time line. */
const GROUP_GAP_MS = 5 * 60 * 1000;

export function startsGroup(previous: MessageDto | undefined, message: MessageDto): boolean {
  if (!previous) return true;
  if (previous.direction !== message.direction || previous.private !== message.private) return true;
  if (previous.authorType !== message.authorType || previous.authorId !== message.authorId) return true;
  if ((previous.authorName ?? '') !== (message.authorName ?? '')) return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_GAP_MS;
}
