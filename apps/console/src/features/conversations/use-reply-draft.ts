import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDraft, pruneDrafts, saveDraft, type DraftMode } from './reply-drafts';

let pruned = false;

/**
 * The reply box's text as a draft of this user, conversation and mode: restored on mount (also after
 * a reload), switched when the agent toggles reply / private note, written on every edit, removed
 * when emptied (sent). The ReplyBox is keyed by conversation, so the conversation never changes here.
 */
export function useReplyDraft(userId: string, conversationId: string, mode: DraftMode): [string, (text: string) => void] {
  const [text, setText] = useState(() => loadDraft(localStorage, userId, conversationId, mode));
  const shownMode = useRef(mode);

  useEffect(() => {
    if (pruned) return;
    pruned = true;
    pruneDrafts(localStorage);
  }, []);

  useEffect(() => {
    if (shownMode.current === mode) return;
    shownMode.current = mode;
    setText(loadDraft(localStorage, userId, conversationId, mode));
  }, [userId, conversationId, mode]);

  const update = useCallback(
    (value: string) => {
      setText(value);
      saveDraft(localStorage, userId, conversationId, shownMode.current, value);
    },
    [userId, conversationId],
  );
  return [text, update];
}
