// Turns keystrokes into `typing` events: `true` at once and then at most every `refreshMs` while
// keys keep coming (so the agent's indicator, which expires on its own, stays lit), and `false`
// after `idleMs` without a keystroke or as soon as the message is sent.

export interface TypingSignalOptions {
  idleMs?: number;
  refreshMs?: number;
  now?: () => number;
}

export class TypingSignal {
  private typing = false;
  private lastSentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleMs: number;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly emit: (isTyping: boolean) => void,
    options: TypingSignalOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 3000;
    this.refreshMs = options.refreshMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** Call on every edit of the composer, with whether it still holds any text. */
  input(hasText: boolean): void {
    if (!hasText) {
      this.stop();
      return;
    }
    const now = this.now();
    if (!this.typing || now - this.lastSentAt >= this.refreshMs) {
      this.typing = true;
      this.lastSentAt = now;
      this.emit(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.typing) return;
    this.typing = false;
    this.emit(false);
  }
}
