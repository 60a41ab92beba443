/**
 * Opening a conversation at a message (a search hit): the thread is paged newest first, so the
 * message may lie in a page not read yet. Each time the thread changes, the next step is:
 * `found` (scroll to it and highlight it), `loadOlder` (read the next older page), `wait` (a page is
 * being read), or `missing` (every page read and no such message: deleted, or of another conversation).
 */
export type AnchorStep = 'found' | 'loadOlder' | 'wait' | 'missing';

export function anchorStep(messageIds: readonly string[], targetId: string, thread: { loading: boolean; loadingOlder: boolean; olderCursor: string | null }): AnchorStep {
  if (messageIds.includes(targetId)) return 'found';
  if (thread.loading || thread.loadingOlder) return 'wait';
  return thread.olderCursor ? 'loadOlder' : 'missing';
}
