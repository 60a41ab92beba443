/**
 * Abuse limits of one web chat inbox, per client address: `{"limits":{"connectionsPerMinute",
 * "messagesPerMinute"}}` in its config. An address is shared by everyone behind one NAT (an office,
 * a mobile carrier), so the defaults leave room for a few people chatting at once; an inbox whose
 * visitors come through one gateway of their own raises them.
 */
export interface WebchatLimits {
  connectionsPerMinute: number;
  messagesPerMinute: number;
}

export const DEFAULT_WEBCHAT_LIMITS: Readonly<WebchatLimits> = { connectionsPerMinute: 60, messagesPerMinute: 120 };

const MAX_PER_MINUTE = 1_000_000;

/** Why the `limits` of a web chat config cannot be stored, or null (absent means the defaults). */
export function webchatLimitsProblem(config: Record<string, unknown> | null | undefined): string | null {
  const limits = config?.limits;
  if (limits === undefined || limits === null) return null;
  if (typeof limits !== 'object' || Array.isArray(limits)) return 'limits must be an object: {"connectionsPerMinute", "messagesPerMinute"}';
  for (const [key, value] of Object.entries(limits)) {
    if (!(key in DEFAULT_WEBCHAT_LIMITS)) return `limits.${key} is not a known limit (connectionsPerMinute, messagesPerMinute)`;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_PER_MINUTE) {
      return `limits.${key} must be a whole number from 1 to ${MAX_PER_MINUTE}`;
    }
  }
  return null;
}

/** The limits an inbox applies: its own where set and valid, the defaults for the rest. */
export function webchatLimitsOf(config: Record<string, unknown> | null | undefined): WebchatLimits {
  if (webchatLimitsProblem(config)) return { ...DEFAULT_WEBCHAT_LIMITS };
  return { ...DEFAULT_WEBCHAT_LIMITS, ...((config?.limits as Partial<WebchatLimits> | undefined) ?? {}) };
}
