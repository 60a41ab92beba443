/**
 * Telegram's send limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
 * about one message per second in a chat and 30 per second per bot. Per process: with several
 * workers a 429 can still happen, and its retry_after pauses the chat here too.
 */
export class SendLimiter {
  private readonly recent = new Map<string, number[]>();
  private readonly chatNext = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly perBotPerSecond = 30,
    private readonly chatIntervalMs = 1000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits until one more message may go to this chat, and takes that slot. */
  async acquire(bot: string, chat: string): Promise<void> {
    for (let wait = this.reserve(bot, chat); wait > 0; wait = this.reserve(bot, chat)) await this.sleep(wait);
  }

  /** 0 when the slot is taken now; otherwise how long to wait before asking again. */
  reserve(bot: string, chat: string): number {
    const now = this.now();
    const chatKey = `${bot}\n${chat}`;
    const window = (this.recent.get(bot) ?? []).filter((t) => t > now - 1000);
    this.recent.set(bot, window);
    const wait = Math.max(
      (this.chatNext.get(chatKey) ?? 0) - now,
      (this.pausedUntil.get(chatKey) ?? 0) - now,
      (this.pausedUntil.get(bot) ?? 0) - now,
      window.length >= this.perBotPerSecond ? window[0] + 1000 - now : 0,
    );
    if (wait > 0) return wait;
    window.push(now);
    this.chatNext.set(chatKey, now + this.chatIntervalMs);
    if (this.chatNext.size > 10_000) this.forgetIdle(now);
    return 0;
  }

  /** Telegram said "retry after": nothing more to this chat (or the whole bot) until then. */
  pause(bot: string, chat: string | null, ms: number): void {
    const key = chat == null ? bot : `${bot}\n${chat}`;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.now() + ms));
  }

  private forgetIdle(now: number): void {
    for (const [key, at] of this.chatNext) if (at < now) this.chatNext.delete(key);
    for (const [key, at] of this.pausedUntil) if (at < now) this.pausedUntil.delete(key);
  }
}
