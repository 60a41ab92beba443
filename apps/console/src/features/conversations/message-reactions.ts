import type { MessageDto } from '@parley/contracts';

/** One emoji on a message and how many people show it. */
export interface ReactionBadge {
  emoji: string;
  count: number;
}

/**
 * The reactions showing on a message (`metadata.reactions`, kept by the api: one per person, taken
 * back ones as `emoji: null`), grouped by emoji in the order first given.
 */
export function reactionBadges(message: Pick<MessageDto, 'metadata'>): ReactionBadge[] {
  const raw = Array.isArray(message.metadata?.reactions) ? (message.metadata!.reactions as unknown[]) : [];
  const badges: ReactionBadge[] = [];
  for (const r of raw) {
    const emoji = (r as { emoji?: unknown } | null)?.emoji;
    if (typeof emoji !== 'string' || !emoji) continue;
    const badge = badges.find((b) => b.emoji === emoji);
    if (badge) badge.count++;
    else badges.push({ emoji, count: 1 });
  }
  return badges;
}

/** Before reactions were kept on their message, a reaction was stored as a message holding the emoji. */
export function isStoredReaction(message: Pick<MessageDto, 'metadata'>): boolean {
  const reaction = message.metadata?.reaction;
  return !!reaction && typeof reaction === 'object' && typeof (reaction as { emoji?: unknown }).emoji === 'string';
}
