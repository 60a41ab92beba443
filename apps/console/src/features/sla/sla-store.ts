import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConversationSlaDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { routingApi } from './routing-api';

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

function request(id: string): void {
  if (states.has(id) || wanted.has(id)) return;
  wanted.add(id);
  flushing ??= setTimeout(() => {
    flushing = null;
    const ids = [...wanted].slice(0, 200);
    ids.forEach((i) => wanted.delete(i));
    routingApi
      .slaStates(ids)
      .then((list) => list.forEach((s) => states.set(s.conversationId, s)))
      .catch(() => undefined)
      .finally(() => {
        emit();
        if (wanted.size) request([...wanted][0]);
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

/** Mount once: keeps every countdown live from the socket. */
export function useSlaLive(): void {
  useAgentEvent<ConversationSlaDto>('sla.updated', putSlaState);
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
