/**
 * Reactions kept on the message they react to (`metadata.reactions`): one entry per sender, as a
 * customer has at most one reaction on a message (Messenger, Instagram). The latest event wins by
 * its time; one taken back stays as `emoji: null`, so a reaction delivered late (after its own
 * removal) does not come back, and a re-delivered event changes nothing.
 */
export interface MessageReaction {
  /** The sender's id on the channel. */
  by: string;
  /** Null: taken back. */
  emoji: string | null;
  /** When the provider says it happened (ISO). */
  at: string;
  /** The event's provider id: a re-delivery is recognized. */
  id: string;
}

export interface ReactionOutcome {
  reactions: MessageReaction[];
  /** Whether the list differs from the one stored (then it is written and agents told). */
  changed: boolean;
}

/** The reactions stored on a message, whatever its metadata holds. */
export function storedReactions(metadata: Record<string, unknown> | null | undefined): MessageReaction[] {
  const raw = Array.isArray(metadata?.reactions) ? (metadata!.reactions as unknown[]) : [];
  return raw.flatMap((r) => {
    const item = r as Partial<MessageReaction> | null;
    if (!item || typeof item.by !== 'string' || typeof item.at !== 'string') return [];
    return [{ by: item.by, emoji: typeof item.emoji === 'string' && item.emoji ? item.emoji : null, at: item.at, id: typeof item.id === 'string' ? item.id : '' }];
  });
}

/** The reactions after one more event: set, replaced or taken back, unless an equal or later one is known. */
export function applyReaction(stored: MessageReaction[], event: MessageReaction): ReactionOutcome {
  const previous = stored.find((r) => r.by === event.by);
  if (previous) {
    const sameEvent = previous.id === event.id || (previous.at === event.at && previous.emoji === event.emoji);
    if (sameEvent || previous.at > event.at) return { reactions: stored, changed: false };
  }
  return { reactions: [...stored.filter((r) => r.by !== event.by), event], changed: true };
}

/** The emoji showing now, oldest first. */
export function shownReactions(reactions: MessageReaction[]): string[] {
  return reactions.filter((r) => r.emoji !== null).map((r) => r.emoji!);
}
