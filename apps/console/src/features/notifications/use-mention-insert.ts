import { useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { UserDto } from '@parley/contracts';
import { insertMention, matchAgents, mentionTrigger } from './mention-trigger';

interface Options {
  enabled: boolean;
  text: string;
  setText(value: string): void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  users: readonly UserDto[];
}

export type MentionInsert = ReturnType<typeof useMentionInsert>;

/** `@` in a private note lists agents; ↑/↓ move, Enter or Tab puts the token in, Esc closes. */
export function useMentionInsert({ enabled, text, setText, inputRef, users }: Options) {
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const trigger = enabled && caret !== null ? mentionTrigger(text, Math.min(caret, text.length)) : null;
  const live = trigger && trigger.start !== dismissed ? trigger : null;
  const query = live ? live.query : null;
  const matches = useMemo(() => (query === null ? [] : matchAgents(users, query)), [users, query]);
  const open = matches.length > 0;
  useEffect(() => setActive(0), [query]);

  const pick = (i: number) => {
    const agent = matches[i];
    if (!live || !agent || caret === null) return;
    const next = insertMention(text, live, caret, agent);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(next.caret, next.caret));
  };

  return {
    open,
    matches,
    active,
    onPick: pick,
    onHover: setActive,
    onCaret: (el: HTMLTextAreaElement) => setCaret(el.selectionStart),
    /** True when the key was the list's. */
    onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
      if (!open) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + matches.length) % matches.length);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(active);
        return true;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(live?.start ?? null);
        return true;
      }
      return false;
    },
  };
}
