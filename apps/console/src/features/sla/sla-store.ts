import { useCallback, useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConversationSlaDto } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { routingApi } from './routing-api';
import { describeDue, formatRemaining, type DurationUnits } from './sla-countdown-format';

// Every countdown on screen asks for its conversation; the asks of one tick go out as one request.
// `sla.updated` events keep the answers live in the query cache (app/live-cache.ts).
const BATCH_MS = 50;
const BATCH_MAX = 200;
const waiting = new Map<string, ((state: ConversationSlaDto | null) => void)[]>();
let flushing: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  flushing = null;
  const ids = [...waiting.keys()].slice(0, BATCH_MAX);
  const callers = ids.map((id) => [id, waiting.get(id) ?? []] as const);
  ids.forEach((id) => waiting.delete(id));
  if (waiting.size) flushing = setTimeout(flush, BATCH_MS);
  routingApi
    .slaStates(ids)
    .catch(() => [] as ConversationSlaDto[])
    .then((list) => {
      const byId = new Map(list.map((s) => [s.conversationId, s]));
      callers.forEach(([id, resolves]) => resolves.forEach((resolve) => resolve(byId.get(id) ?? null)));
    });
}

/** One conversation's clocks, fetched together with the others asked for in the same tick; null: none. */
function batchedSlaState(conversationId: string): Promise<ConversationSlaDto | null> {
  return new Promise((resolve) => {
    waiting.set(conversationId, [...(waiting.get(conversationId) ?? []), resolve]);
    flushing ??= setTimeout(flush, BATCH_MS);
  });
}

export function useSlaState(conversationId: string): ConversationSlaDto | undefined {
  const query = useQuery({
    queryKey: queryKeys.sla(conversationId),
    queryFn: () => batchedSlaState(conversationId),
    // Live from the socket; a reconnect marks them stale.
    staleTime: Infinity,
  });
  return query.data ?? undefined;
}

/** Durations in the console's language: "4m 09s", "4 мин 09 с". */
export function useFormatDuration(): (ms: number) => string {
  const { t } = useTranslation();
  const units: DurationUnits = { d: t('sla.units.d'), h: t('sla.units.h'), m: t('sla.units.m'), s: t('sla.units.s') };
  const key = `${units.d}|${units.h}|${units.m}|${units.s}`;
  return useCallback((ms: number) => formatRemaining(ms, units), [key]);
}

/** A deadline in words, "12 min left" / "overdue by 5 min" ("осталось 12 мин" / "просрочено на 5 мин"). */
export function useDueText(): (dueAtMs: number, nowMs: number) => string {
  const { t } = useTranslation();
  return useCallback((dueAtMs: number, nowMs: number) => {
    const units: DurationUnits = { d: t('details.units.d'), h: t('details.units.h'), m: t('details.units.m'), s: t('details.units.s') };
    const { overdue, time } = describeDue(dueAtMs - nowMs, units);
    return overdue ? t('details.slaOverdue', { time }) : t('details.slaLeft', { time });
  }, [t]);
}

/** Re-renders every `ms` so countdowns tick. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
