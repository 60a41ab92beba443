import { DEFAULT_OFFLINE_REPLY_MINUTES, DEFAULT_ONLINE_REPLY_MINUTES, decideAvailability } from './widget-availability';

const now = new Date('2026-12-05T18:00:00Z'); // Saturday 21:00 in Moscow
const base = { now, onlineAgents: 2, openNow: true, nextOpenAt: null, timeZone: 'Europe/Moscow', firstResponseSeconds: null };

describe('widget availability rule', () => {
  it('is online only when someone is online within business hours, with the SLA first-response target', () => {
    expect(decideAvailability({ ...base, firstResponseSeconds: 15 * 60 })).toEqual({ state: 'online', timezone: 'Europe/Moscow', expectedReplyMinutes: 15 });
  });

  it('falls back to a few minutes online, and to hours when every agent is offline, without an SLA target', () => {
    expect(decideAvailability(base).expectedReplyMinutes).toBe(DEFAULT_ONLINE_REPLY_MINUTES);
    expect(decideAvailability({ ...base, onlineAgents: 0 })).toEqual({ state: 'offline', timezone: 'Europe/Moscow', expectedReplyMinutes: DEFAULT_OFFLINE_REPLY_MINUTES });
  });

  it('is away out of hours even with an agent signed in, and names the next opening', () => {
    const monday = new Date('2026-12-07T06:00:00Z'); // Monday 09:00 in Moscow
    const away = decideAvailability({ ...base, openNow: false, nextOpenAt: monday, firstResponseSeconds: 30 * 60 });
    expect(away).toEqual({ state: 'away', nextOpenAt: '2026-12-07T06:00:00.000Z', timezone: 'Europe/Moscow', expectedReplyMinutes: 36 * 60 + 30 });
  });

  it('ignores a zero or missing target', () => {
    expect(decideAvailability({ ...base, firstResponseSeconds: 0 }).expectedReplyMinutes).toBe(DEFAULT_ONLINE_REPLY_MINUTES);
  });
});
