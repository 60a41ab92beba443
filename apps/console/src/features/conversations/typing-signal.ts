// Tells the customer's side that the agent is typing without emitting on every keystroke: one
// "typing" on the first key, repeated while typing continues, and one "stopped" after a pause.

export interface TypingTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: TypingTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class TypingSignal {
  private typing = false;
  private lastSentAt = 0;
  private idleTimer: unknown = null;

  constructor(
    private readonly emit: (isTyping: boolean) => void,
    private readonly idleMs = 3000,
    private readonly repeatMs = 2500,
    private readonly timers: TypingTimers = realTimers,
  ) {}

  keystroke(): void {
    const now = this.timers.now();
    if (!this.typing || now - this.lastSentAt >= this.repeatMs) {
      this.typing = true;
      this.lastSentAt = now;
      this.emit(true);
    }
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.timers.setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.typing) return;
    this.typing = false;
    this.emit(false);
  }
}
