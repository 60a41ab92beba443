import { TypingSignal } from './typing-signal';

describe('TypingSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('announces typing on the first keystroke and stops after 3 s without one', () => {
    const events: boolean[] = [];
    const signal = new TypingSignal((isTyping) => events.push(isTyping));

    signal.input(true);
    jest.advanceTimersByTime(2999);
    expect(events).toEqual([true]);

    jest.advanceTimersByTime(1);
    expect(events).toEqual([true, false]);
  });

  it('throttles a burst of keystrokes to one refresh every 2 s', () => {
    const events: boolean[] = [];
    const signal = new TypingSignal((isTyping) => events.push(isTyping));

    for (let i = 0; i < 30; i++) {
      signal.input(true);
      jest.advanceTimersByTime(100); // 3 s of steady typing
    }

    expect(events).toEqual([true, true]);
  });

  it('stops at once when the message is sent or the composer is emptied', () => {
    const events: boolean[] = [];
    const signal = new TypingSignal((isTyping) => events.push(isTyping));

    signal.input(true);
    signal.stop();
    signal.input(true);
    signal.input(false);
    jest.advanceTimersByTime(10_000);

    expect(events).toEqual([true, false, true, false]);
  });

  it('says nothing when stopped without having typed', () => {
    const events: boolean[] = [];
    new TypingSignal((isTyping) => events.push(isTyping)).stop();
    expect(events).toEqual([]);
  });
});
