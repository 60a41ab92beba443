import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AttachmentDto, CannedFitnessDto, CannedLanguage, CannedResponseDto } from '@parley/contracts';
import { cannedApi, cannedContextQuery, cannedResponsesQuery } from './canned-api';
import { cannedSearchIndex, searchCanned, type CannedMatch } from './canned-search';
import { cannedTrigger, insertCanned } from './canned-trigger';

const NONE: CannedResponseDto[] = [];

export interface CannedInsertion {
  title: string;
  language: CannedLanguage;
  fitness: CannedFitnessDto;
}

interface Options {
  conversationId: string;
  text: string;
  setText(value: string): void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The reply box's canned responses: `/` or `;` opens the list, typing filters it, ↑/↓ move, Tab
 * switches the highlighted one's language, Enter puts it in (rendered for this conversation),
 * Esc closes. The inserted response's files join the draft; its channel notes stay until it is sent.
 */
export function useCannedInsert({ conversationId, text, setText, inputRef }: Options) {
  const responses = useQuery(cannedResponsesQuery).data ?? NONE;
  // Folded once per list, not per keystroke: filtering stays one cheap pass over thousands.
  const index = useMemo(() => cannedSearchIndex(responses), [responses]);
  const language = useQuery(cannedContextQuery(conversationId)).data?.language ?? null;
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [swapped, setSwapped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attachments, setAttachments] = useState<AttachmentDto[]>([]);
  const [insertion, setInsertion] = useState<CannedInsertion | null>(null);

  const trigger = caret === null ? null : cannedTrigger(text, Math.min(caret, text.length));
  const query = trigger && trigger.start !== dismissed ? trigger.query : null;
  const matches = useMemo(() => (query === null ? [] : searchCanned(index, query, language)), [index, query, language]);
  const open = matches.length > 0;

  useEffect(() => {
    setActive(0);
    setSwapped(false);
  }, [query]);
  const typing = trigger !== null;
  useEffect(() => {
    if (!typing) setDismissed(null);
  }, [typing]);
  // A draft emptied by hand has no response in it any more; its files stay until sent or removed.
  const empty = text === '';
  useEffect(() => {
    if (empty) setInsertion(null);
  }, [empty]);
  useEffect(() => {
    setAttachments([]);
    setInsertion(null);
    setCaret(null);
  }, [conversationId]);

  const offered = useCallback(
    (match: CannedMatch, i: number): CannedLanguage => {
      if (!(swapped && i === active)) return match.language;
      const other: CannedLanguage = match.language === 'ru' ? 'en' : 'ru';
      return match.response.variants[other] ? other : match.language;
    },
    [swapped, active],
  );

  const pick = useCallback(
    async (match: CannedMatch, variant: CannedLanguage) => {
      if (!trigger || busy) return;
      setBusy(true);
      setError(null);
      try {
        const rendered = await cannedApi.render(match.response.id, conversationId, variant);
        const next = insertCanned(text, trigger, rendered.text);
        setText(next.text);
        setCaret(next.caret);
        setAttachments((current) => [...current, ...rendered.attachments.filter((a) => !current.some((c) => c.id === a.id))]);
        setInsertion({ title: match.response.title, language: rendered.language, fitness: rendered.fitness });
        requestAnimationFrame(() => {
          inputRef.current?.focus();
          inputRef.current?.setSelectionRange(next.caret, next.caret);
        });
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [trigger, busy, conversationId, text, setText, inputRef],
  );

  /** True when the list took the key (the reply box then does nothing with it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (to: number) => {
      event.preventDefault();
      setActive((to + matches.length) % matches.length);
      setSwapped(false);
    };
    switch (event.key) {
      case 'ArrowDown': move(active + 1); return true;
      case 'ArrowUp': move(active - 1); return true;
      case 'Tab':
        event.preventDefault();
        setSwapped((s) => !s);
        return true;
      case 'Enter':
        event.preventDefault();
        void pick(matches[active], offered(matches[active], active));
        return true;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        setDismissed(trigger!.start);
        return true;
    }
    return false;
  };

  return {
    picker: { open, matches, active, busy, offered, onPick: (i: number) => void pick(matches[i], offered(matches[i], i)), onHover: setActive },
    onKeyDown,
    /** Call from the textarea's change and select events: the list follows the caret. */
    onCaret: (el: HTMLTextAreaElement) => setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null),
    error,
    attachments,
    removeAttachment: (id: string | undefined) => setAttachments((current) => current.filter((a) => a.id !== id)),
    insertion,
    reset: () => {
      setAttachments([]);
      setInsertion(null);
      setError(null);
    },
  };
}

export type CannedInsert = ReturnType<typeof useCannedInsert>;
