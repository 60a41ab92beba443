import { SendLimiter } from './send-limiter';

describe('Telegram send limiter', () => {
  let now = 0;
  const limiter = () => new SendLimiter(3, 1000, () => now);
  beforeEach(() => (now = 1_000_000));

  it('spaces messages to one chat a second apart', () => {
    const l = limiter();
    expect(l.reserve('bot', 'a')).toBe(0);
    expect(l.reserve('bot', 'a')).toBe(1000);
    now += 400;
    expect(l.reserve('bot', 'a')).toBe(600);
    now += 600;
    expect(l.reserve('bot', 'a')).toBe(0);
  });

  it('lets other chats go until the bot-wide rate is used up', () => {
    const l = limiter();
    expect([l.reserve('bot', 'a'), l.reserve('bot', 'b'), l.reserve('bot', 'c')]).toEqual([0, 0, 0]);
    now += 100;
    expect(l.reserve('bot', 'd')).toBe(900);
    expect(l.reserve('other-bot', 'd')).toBe(0);
    now += 900;
    expect(l.reserve('bot', 'd')).toBe(0);
  });

  it('holds a chat for the retry_after Telegram asked for', () => {
    const l = limiter();
    l.pause('bot', 'a', 5000);
    expect(l.reserve('bot', 'a')).toBe(5000);
    expect(l.reserve('bot', 'b')).toBe(0);
    now += 5000;
    expect(l.reserve('bot', 'a')).toBe(0);
  });

  it('waits for its slot', async () => {
    const slept: number[] = [];
    const l = new SendLimiter(30, 1000, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    await l.acquire('bot', 'a');
    await l.acquire('bot', 'a');
    expect(slept).toEqual([1000]);
  });
});
