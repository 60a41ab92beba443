import { formatInTimeZone } from 'date-fns-tz';
import type { WidgetAvailability, WidgetSession } from '@parley/contracts';
import { api, login, next, useRunningApp } from './harness';

// Checked often here, so a presence change reaches the widget within the test's wait.
process.env.WIDGET_AVAILABILITY_POLL_MS = '200';

const targets = (normal: Record<string, number | null>) => ({ normal, high: normal, low: normal, urgent: normal });

describe('widget availability', () => {
  const t = useRunningApp();
  const presence = (status: string) => api(t.url, 'PUT', '/api/presence', { status }, t.token);

  async function session(): Promise<{ session: WidgetSession; socket: ReturnType<typeof t.open> }> {
    const socket = t.open('/widget', { websiteToken: t.websiteToken });
    return { session: await next<WidgetSession>(socket, 'session'), socket };
  }

  it('tells a visitor that every agent is offline, and live when one comes online and goes again', async () => {
    expect((await presence('offline')).status).toBe(200);
    const { session: first, socket } = await session();
    expect(first.availability).toMatchObject({ state: 'offline' });
    expect(first.availability?.expectedReplyMinutes).toBeGreaterThan(0);

    const online = next<WidgetAvailability>(socket, 'availability', (a) => a.state === 'online');
    expect((await presence('online')).status).toBe(200);
    expect(await online).toMatchObject({ state: 'online' });
    expect((await session()).session.availability).toMatchObject({ state: 'online' });

    const offline = next<WidgetAvailability>(socket, 'availability', (a) => a.state === 'offline');
    await presence('away');
    expect(await offline).toMatchObject({ state: 'offline' });
  });

  it('uses the SLA first-response target as the expected reply', async () => {
    await presence('online');
    const policy = await api(t.url, 'POST', '/api/sla/policies', { name: 'Быстрый ответ', isDefault: true, targets: targets({ firstResponseSeconds: 20 * 60 }) }, t.token);
    expect(policy.status).toBe(201);
    expect((await session()).session.availability).toEqual({ state: 'online', expectedReplyMinutes: 20 });
  });

  it('counts only the members of the team the inbox routes to', async () => {
    const admin = await login(t.url);
    await presence('online');
    const team = await api(t.url, 'POST', '/api/teams', { name: 'Поддержка чата' }, t.token);
    expect(team.status).toBe(201);
    const inboxes = await api(t.url, 'GET', '/api/inboxes', undefined, t.token);
    const inboxId = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat').id;
    expect((await api(t.url, 'POST', '/api/routing/rules', { teamId: team.body.id, inboxId }, t.token)).status).toBe(201);
    expect((await session()).session.availability).toMatchObject({ state: 'offline' });
    expect((await api(t.url, 'POST', `/api/teams/${team.body.id}/members`, { agentId: admin.user.id }, t.token)).status).toBeLessThan(300);
    expect((await session()).session.availability).toMatchObject({ state: 'online' });
  });

  it('is away out of business hours, with the next opening in the calendar zone, even with an agent online', async () => {
    await presence('online');
    const zone = 'Europe/Moscow';
    const today = Number(formatInTimeZone(new Date(), zone, 'i')) % 7; // ISO 1..7 → 0 Sunday … 6 Saturday
    const openDay = (today + 2) % 7;
    const calendar = await api(t.url, 'POST', '/api/sla/calendars', { name: 'Офис в Москве', timeZone: zone, hours: [{ day: openDay, start: '09:00', end: '18:00' }], holidays: [] }, t.token);
    expect(calendar.status).toBe(201);
    const policy = await api(t.url, 'POST', '/api/sla/policies', { name: 'Рабочие часы', isDefault: true, calendarId: calendar.body.id, targets: targets({ firstResponseSeconds: 3600 }) }, t.token);
    expect(policy.status).toBe(201);

    const { availability } = (await session()).session;
    expect(availability).toMatchObject({ state: 'away', timezone: zone });
    const opens = new Date(availability!.nextOpenAt!);
    expect(opens.getTime()).toBeGreaterThan(Date.now());
    expect(formatInTimeZone(opens, zone, 'HH:mm')).toBe('09:00');
    expect(Number(formatInTimeZone(opens, zone, 'i')) % 7).toBe(openDay);
    expect(availability!.expectedReplyMinutes).toBeGreaterThanOrEqual(Math.floor((opens.getTime() - Date.now()) / 60_000) + 60);
  });
});
