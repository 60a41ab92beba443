import type { WIDGET_EVENTS } from '@parley/contracts';

/**
 * Live fan-out to sockets. In an api process it is the socket.io server (with the Redis adapter
 * when several nodes run); in a worker process it is a Redis emitter reaching the same rooms.
 */
export interface RealtimePublisher {
  /** Every connected agent console. */
  toAgents(event: string, payload: unknown): void;
  /** Every console (tab, device) one agent has open: their notifications, read state and bulk progress. */
  toAgent(userId: string, event: string, payload: unknown): void;
  /** A room of the web chat namespace (one per visitor conversation thread). */
  toWidgetRoom(room: string, event: string, payload: unknown): void;
}

export const REALTIME = Symbol('REALTIME');

/** The widget room of one customer in one web chat inbox. */
export const widgetRoom = (inboxId: string, customerId: string) => `w:${inboxId}:${customerId}`;

/**
 * The widget events an adapter pushes, spelled here because adapters may take only types from
 * contracts; typed as contracts' own WIDGET_EVENTS entries, so a rename there fails the type-check
 * (and tools/lint/channel-contracts.spec.ts compares the values).
 */
export const WIDGET_PUSH_EVENTS: Pick<typeof WIDGET_EVENTS, 'messageNew' | 'survey'> = {
  messageNew: 'message:new',
  survey: 'survey',
};
