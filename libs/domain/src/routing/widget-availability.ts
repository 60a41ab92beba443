/**
 * Whether the inbox's team can answer now, as the widget header shows it (see decideAvailability).
 * tools/lint/domain-contracts.spec.ts keeps it equal to the wire type the widget reads.
 */
export interface WidgetAvailability {
  state: 'online' | 'away' | 'offline';
  nextOpenAt?: string;
  timezone?: string;
  expectedReplyMinutes?: number;
}

/** With no SLA first-response target: what "a few minutes" means while someone is online. */
export const DEFAULT_ONLINE_REPLY_MINUTES = 5;
/** With no SLA target and nobody online: the answer comes by email or on the next visit, within hours. */
export const DEFAULT_OFFLINE_REPLY_MINUTES = 240;
/** With no SLA target: how long after the hours open the first answers usually come. */
export const DEFAULT_AFTER_OPENING_MINUTES = 60;

export interface AvailabilityInput {
  now: Date;
  /** Agents of the inbox's team (every agent when no team applies) whose status is online. */
  onlineAgents: number;
  /** Whether the business calendar is open now; true without a calendar (always open). */
  openNow: boolean;
  /** When the calendar opens next; null when open now or without a calendar. */
  nextOpenAt: Date | null;
  timeZone: string | null;
  /** The applicable SLA policy's first-response target, if it has one. */
  firstResponseSeconds: number | null;
}

/**
 * What the widget promises: "online" only when someone is online within business hours; out of
 * hours is "away" (even if an agent happens to be signed in: the promise is the team's); in hours
 * with everybody offline is "offline". The expected reply counts from now.
 */
export function decideAvailability(input: AvailabilityInput): WidgetAvailability {
  const target = input.firstResponseSeconds && input.firstResponseSeconds > 0 ? Math.ceil(input.firstResponseSeconds / 60) : null;
  if (!input.openNow) {
    const untilOpen = input.nextOpenAt ? Math.max(0, Math.ceil((input.nextOpenAt.getTime() - input.now.getTime()) / 60_000)) : 0;
    return {
      state: 'away',
      ...(input.nextOpenAt ? { nextOpenAt: input.nextOpenAt.toISOString() } : {}),
      ...(input.timeZone ? { timezone: input.timeZone } : {}),
      expectedReplyMinutes: untilOpen + (target ?? DEFAULT_AFTER_OPENING_MINUTES),
    };
  }
  const timezone = input.timeZone ? { timezone: input.timeZone } : {};
  if (input.onlineAgents <= 0) return { state: 'offline', ...timezone, expectedReplyMinutes: target ?? DEFAULT_OFFLINE_REPLY_MINUTES };
  return { state: 'online', ...timezone, expectedReplyMinutes: target ?? DEFAULT_ONLINE_REPLY_MINUTES };
}
