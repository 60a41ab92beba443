/** How often one socket's typing hints go on to the other side. */
export interface TypingRelayLimits {
  /** The same state again (still typing) passes at most this often; the other side's indicator expires by itself. */
  repeatMs: number;
  /** At most this many hints in any `windowMs`, whatever they say: a script toggling typing floods nobody. */
  burst: number;
  windowMs: number;
}

export const DEFAULT_TYPING_LIMITS: TypingRelayLimits = { repeatMs: 1000, burst: 8, windowMs: 4000 };

/**
 * One socket's typing hints, thinned before they fan out (a visitor's reach every console, an agent's a
 * visitor's widget). A change of state or of conversation passes, so "stopped" is never swallowed by
 * the repeat rule; a repeat of the same state passes after `repeatMs`. The clients already throttle
 * (typing-signal.ts on both sides); this is what holds when a client does not.
 */
export class TypingRelay {
  private last: { key: string; isTyping: boolean; at: number } | null = null;
  private recent: number[] = [];

  constructor(private readonly limits: TypingRelayLimits = DEFAULT_TYPING_LIMITS) {}

  pass(key: string, isTyping: boolean, now: number): boolean {
    this.recent = this.recent.filter((at) => now - at < this.limits.windowMs);
    if (this.recent.length >= this.limits.burst) return false;
    const last = this.last;
    const changed = !last || last.key !== key || last.isTyping !== isTyping;
    if (!changed && now - last.at < this.limits.repeatMs) return false;
    this.last = { key, isTyping, at: now };
    this.recent.push(now);
    return true;
  }
}

/** The relay kept on a socket's data (one per connection). */
export function typingRelayOf(data: { typingRelay?: TypingRelay }): TypingRelay {
  return (data.typingRelay ??= new TypingRelay());
}
