import { useCallback, useEffect, useState } from 'react';
import { MERGE_EVENTS, type MergeSuggestionDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { useMergeReload } from './merge-activity';
import { mergeApi } from './merge-api';
import { involvesAny, upsertSuggestion } from './merge-sides';

/** Open suggestions, newest first: all of them, or those naming `customerId`. Live from the socket. */
export function useMergeSuggestions(customerId: string | null, limit = 50) {
  const { epoch } = useAgentSocket();
  const reload = useMergeReload(customerId);
  const [items, setItems] = useState<MergeSuggestionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    mergeApi
      .suggestions(customerId, limit)
      .then((list) => {
        if (cancelled) return;
        setItems(list.reduce<MergeSuggestionDto[]>((acc, s) => upsertSuggestion(acc, s), []));
        setError(null);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [customerId, limit, epoch, reload]);

  useAgentEvent<MergeSuggestionDto>(MERGE_EVENTS.suggestionCreated, (suggestion) => {
    if (customerId && !involvesAny(suggestion, [customerId])) return;
    setItems((list) => upsertSuggestion(list ?? [], suggestion));
  });

  const dismiss = useCallback(async (suggestionId: string) => {
    await mergeApi.dismiss(suggestionId);
    setItems((list) => list?.filter((s) => s.id !== suggestionId) ?? null);
  }, []);

  return { items, error, dismiss };
}
