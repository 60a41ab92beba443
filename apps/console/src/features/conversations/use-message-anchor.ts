import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { anchorStep } from './message-anchor';
import type { Thread } from './use-thread';

/** How long the message opened from a search stays highlighted. */
const HIGHLIGHT_MS = 3000;

export interface MessageAnchor {
  /** The message to show highlighted now. */
  highlightedId: string | null;
  /** Older pages are being read to reach the message. */
  seeking: boolean;
  /** Every page was read and the message is not in this conversation. */
  missing: boolean;
}

/**
 * Opens the thread at `targetId` (a search hit): reads older pages until the one holding it is in
 * (message-anchor.ts), then scrolls it to the middle of the thread and highlights it briefly. Once
 * per conversation and message: later pages and live messages leave the scroll alone.
 */
export function useMessageAnchor(thread: Thread, conversationId: string, targetId: string | undefined, scroller: RefObject<HTMLDivElement | null>): MessageAnchor {
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const [settled, setSettled] = useState<{ key: string; missing: boolean } | null>(null);
  const key = targetId ? `${conversationId}\u0000${targetId}` : null;
  const handled = useRef<string | null>(null);
  const ids = useMemo(() => thread.messages.map((m) => m.id), [thread.messages]);
  const { loading, loadingOlder, olderCursor, loadOlder } = thread;

  useEffect(() => {
    if (!targetId || !key || handled.current === key) return;
    const step = anchorStep(ids, targetId, { loading, loadingOlder, olderCursor });
    if (step === 'loadOlder') loadOlder();
    if (step === 'missing') {
      handled.current = key;
      setSettled({ key, missing: true });
    }
    if (step === 'found') {
      handled.current = key;
      setSettled({ key, missing: false });
      const element = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(targetId)}"]`);
      element?.scrollIntoView({ block: 'center' });
      setHighlightedId(targetId);
    }
    // loadOlder is a new function each render; the thread's state in the deps is what matters.
  }, [ids, key, targetId, loading, loadingOlder, olderCursor, scroller]);

  useEffect(() => {
    if (!highlightedId) return;
    const timer = setTimeout(() => setHighlightedId(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightedId]);

  const current = settled && settled.key === key ? settled : null;
  return { highlightedId, seeking: !!key && !current, missing: !!current?.missing };
}
