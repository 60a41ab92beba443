import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSlaDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { routingApi } from './routing-api';
import { describeDue, formatRemaining, type DurationUnits } from './sla-countdown-format';

// One store for every countdown on screen: rows ask for their conversation, the store fetches the
// missing ones in one request per tick, and `sla.updated` events keep them live.
const states = new Map<string, ConversationSlaDto>();
const listeners = new Set<() => void>();
const wanted = new Set<string>();
let flushing: ReturnType<typeof setTimeout> | null = null;
let version = 0;

function emit(): void {
  version++;
  listeners.forEach((l) => l());
}

export function putSlaState(state: ConversationSlaDto): void {
  states.set(state.conversationId, state);
  emit();
}

function request(id: string, force = false): void {
  if ((!force && states.has(id)) || wanted.has(id)) return;
  wanted.add(id);
  schedule();
}

function schedule(): void {
  flushing ??= setTimeout(() => {
    flushing = null;
    const ids = [...wanted].slice(0, 200);
    routingApi
      .slaStates(ids)
      .then((list) => list.forEach((s) => states.set(s.conversationId, s)))
      .catch(() => undefined)
      .finally(() => {
        ids.forEach((i) => wanted.delete(i));
        emit();
        if (wanted.size) schedule();
      });
  }, 50);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useSlaState(conversationId: string): ConversationSlaDto | undefined {
  useEffect(() => request(conversationId), [conversationId]);
  useSyncExternalStore(subscribe, () => version);
  return states.get(conversationId);
}

/** Mount once: keeps every countdown live from the socket, and re-reads them after a reconnect (events were missed). */
export function useSlaLive(): void {
  useAgentEvent<ConversationSlaDto>('sla.updated', putSlaState);
  const { epoch } = useAgentSocket();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    [...states.keys()].forEach((id) => request(id, true));
  }, [epoch]);
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
