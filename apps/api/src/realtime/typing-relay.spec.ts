import { TypingRelay } from './typing-relay';

describe('typing hints relayed from one socket', () => {
  it('passes a change at once and a repeat of the same state only after the repeat interval', () => {
    const relay = new TypingRelay({ repeatMs: 1000, burst: 100, windowMs: 4000 });
    expect(relay.pass('c-1', true, 0)).toBe(true);
    expect(relay.pass('c-1', true, 300)).toBe(false);
    expect(relay.pass('c-1', true, 1000)).toBe(true);
    expect(relay.pass('c-1', false, 1100)).toBe(true);
    expect(relay.pass('c-1', false, 1200)).toBe(false);
  });

  it('treats typing in another conversation as a change', () => {
    const relay = new TypingRelay({ repeatMs: 1000, burst: 100, windowMs: 4000 });
    expect(relay.pass('c-1', true, 0)).toBe(true);
    expect(relay.pass('c-2', true, 10)).toBe(true);
  });

  it('caps a socket toggling typing on and off to the burst per window', () => {
    const relay = new TypingRelay({ repeatMs: 1000, burst: 3, windowMs: 4000 });
    const passed = [0, 1, 2, 3, 4, 5].map((i) => relay.pass('c-1', i % 2 === 0, i * 10));
    expect(passed).toEqual([true, true, true, false, false, false]);
    expect(relay.pass('c-1', true, 4100)).toBe(true);
  });
});
