import { TypingSignal, type TypingTimers } from './typing-signal';

function fakeTimers() {
  let now = 0;
  let pending: { at: number; fn: () => void; id: number }[] = [];
  let seq = 0;
  const timers: TypingTimers = {
    setTimeout: (fn, ms) => {
      pending.push({ at: now + ms, fn, id: ++seq });
      return seq;
    },
    clearTimeout: (id) => {
      pending = pending.filter((p) => p.id !== id);
    },
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    const due = pending.filter((p) => p.at <= now);
    pending = pending.filter((p) => p.at > now);
    due.forEach((p) => p.fn());
  };
  return { timers, advance };
}

describe('TypingSignal', () => {
  it('emits once for a burst of keystrokes and stops after a pause', () => {
    const { timers, advance } = fakeTimers();
    const emitted: boolean[] = [];
    const signal = new TypingSignal((t) => emitted.push(t), 3000, 2500, timers);
    signal.keystroke();
    advance(100);
    signal.keystroke();
    advance(100);
    signal.keystroke();
    expect(emitted).toEqual([true]);
    advance(3000);
    expect(emitted).toEqual([true, false]);
  });

  it('repeats while the agent keeps typing so the indicator does not expire', () => {
    const { timers, advance } = fakeTimers();
    const emitted: boolean[] = [];
    const signal = new TypingSignal((t) => emitted.push(t), 3000, 2500, timers);
    for (let i = 0; i < 6; i++) {
      signal.keystroke();
      advance(1000);
    }
    expect(emitted).toEqual([true, true]);
  });

  it('stops at once when the reply is sent, and only once', () => {
    const { timers, advance } = fakeTimers();
    const emitted: boolean[] = [];
    const signal = new TypingSignal((t) => emitted.push(t), 3000, 2500, timers);
    signal.keystroke();
    signal.stop();
    advance(5000);
    signal.stop();
    expect(emitted).toEqual([true, false]);
  });
});
