import type { ChatMessageView } from './message-store';

// Read receipts both ways, as pure rules: which agent reply the visitor has seen (reported as `seen`),
// and which of the visitor's own messages shows "Seen" because an agent opened the conversation since.

/**
 * The newest agent reply the visitor can see now: `onScreen` says whether a message's element is in
 * the scrolled view. Replies below the view are not seen yet; one above it was (read receipts move
 * forward only, so reporting an older one changes nothing).
 */
export function latestVisibleReply(messages: readonly ChatMessageView[], onScreen: (message: ChatMessageView) => boolean): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.direction !== 'outbound' || !message.id) continue;
    if (onScreen(message)) return message.id;
  }
  return null;
}

/** Whether a box overlaps the scrolled view (both from getBoundingClientRect). */
export function overlapsView(box: { top: number; bottom: number }, view: { top: number; bottom: number }): boolean {
  return box.bottom > view.top && box.top < view.bottom && box.bottom > box.top;
}

/**
 * The key of the visitor's message that shows "Seen": their newest one the server has, sent at or
 * before the moment an agent last opened the conversation (`agentSeenAt`). One mark, as messengers show it.
 */
export function seenMessageKey(messages: readonly ChatMessageView[], agentSeenAt: string | null): string | null {
  const seenAt = agentSeenAt ? Date.parse(agentSeenAt) : NaN;
  if (Number.isNaN(seenAt)) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.direction !== 'inbound' || message.status !== 'sent') continue;
    if (Date.parse(message.createdAt) <= seenAt) return message.key;
  }
  return null;
}

/** Of two seen moments (ISO), the later: an older event arriving late never takes "Seen" back. */
export function laterSeen(current: string | null, next: string | null | undefined): string | null {
  if (!next || Number.isNaN(Date.parse(next))) return current;
  if (!current) return next;
  return Date.parse(next) > Date.parse(current) ? next : current;
}
