import { useCallback, useEffect, useRef, useState } from 'react';
import { AGENT_EVENTS, type TimelineEventDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { mergeItems, newestFirst } from '../../api/page-merge';
import { parleyApi, type NewCustomerEvent } from '../../api/parley-api';
import { useMergeReload } from '../merge/merge-activity';

const PAGE_SIZE = 30;

const compareEvents = newestFirst<TimelineEventDto>(
  (e) => e.occurredAt,
  (e) => e.id,
);
const merge = (current: TimelineEventDto[], incoming: TimelineEventDto[]) =>
  mergeItems(current, incoming, { id: (e) => e.id, compare: compareEvents });

interface TimelineState {
  customerId: string | null;
  items: TimelineEventDto[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** The merge reload the items were read at: after a merge or undo the page replaces them, events moved away. */
  reload: string;
}

const empty: TimelineState = { customerId: null, items: [], nextCursor: null, loading: false, loadingMore: false, error: null, reload: '' };

export function useTimeline(customerId: string | null) {
  const { epoch } = useAgentSocket();
  const [state, setState] = useState<TimelineState>(empty);
  const reload = useMergeReload(customerId);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    if (!customerId) {
      setState(empty);
      return;
    }
    let cancelled = false;
    setState((s) => (s.customerId === customerId ? { ...s, error: null } : { ...empty, customerId, loading: true }));
    parleyApi
      .getTimeline(customerId, null, PAGE_SIZE)
      .then((page) => {
        if (cancelled) return;
        setState((s) => {
          const kept = s.customerId === customerId && s.reload === reload ? s.items : [];
          return {
            ...s,
            items: merge(kept, page.items),
            // After a reconnect refresh, keep how far back the agent had already scrolled.
            nextCursor: kept.length > page.items.length ? s.nextCursor : page.nextCursor,
            loading: false,
            reload,
          };
        });
      })
      .catch((err: Error) => !cancelled && setState((s) => ({ ...s, loading: false, error: err.message })));
    return () => {
      cancelled = true;
    };
  }, [customerId, epoch, reload]);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    const id = current.customerId;
    if (!id || !current.nextCursor || current.loading || current.loadingMore) return;
    setState((s) => ({ ...s, loadingMore: true }));
    parleyApi
      .getTimeline(id, current.nextCursor, PAGE_SIZE)
      .then((page) =>
        setState((s) =>
          s.customerId === id ? { ...s, items: merge(s.items, page.items), nextCursor: page.nextCursor, loadingMore: false } : s,
        ),
      )
      .catch((err: Error) => setState((s) => ({ ...s, loadingMore: false, error: err.message })));
  }, []);

  const receive = useCallback((event: TimelineEventDto) => {
    setState((s) => (s.customerId && event.customerId === s.customerId ? { ...s, items: merge(s.items, [event]) } : s));
  }, []);

  useAgentEvent<TimelineEventDto>(AGENT_EVENTS.timelineCreated, receive);

  const addEvent = useCallback(
    async (event: NewCustomerEvent) => {
      const id = stateRef.current.customerId;
      if (!id) return;
      receive(await parleyApi.addCustomerEvent(id, event));
    },
    [receive],
  );

  return { ...state, loadMore, addEvent };
}
