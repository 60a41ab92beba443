import { ANNA, BORIS, CONVERSATION, notificationsOnFakes } from './notification-test-setup';

async function withThree() {
  const setup = notificationsOnFakes();
  const conversation = (await setup.store.conversation(CONVERSATION))!;
  for (const [i, at] of ['2026-01-05T10:00:00Z', '2026-01-05T10:01:00Z', '2026-01-05T10:02:00Z'].entries()) {
    await setup.notify.notify({ type: 'message', assigneeId: ANNA, collaboratorIds: [] }, { key: `m${i}`, conversation, actorId: null, title: 'Иван' }, new Date(at));
  }
  setup.sent.length = 0;
  return setup;
}

describe('NotificationCentreService', () => {
  it('pages the newest first on (created_at, id)', async () => {
    const { centre } = await withThree();
    const first = await centre.list(ANNA, undefined, 2);
    const rest = await centre.list(ANNA, first.nextCursor!, 2);
    expect(first.items.map((n) => n.createdAt)).toEqual(['2026-01-05T10:02:00.000Z', '2026-01-05T10:01:00.000Z']);
    expect(rest.items.map((n) => n.createdAt)).toEqual(['2026-01-05T10:00:00.000Z']);
    expect(rest.nextCursor).toBeNull();
  });

  it('marks one read and tells the reader’s other tabs', async () => {
    const { centre, sent } = await withThree();
    const [newest] = (await centre.list(ANNA, undefined)).items;
    expect((await centre.markRead(ANNA, newest.id)).readAt).not.toBeNull();
    expect(await centre.unreadCount(ANNA)).toBe(2);
    expect(sent).toEqual([{ userId: ANNA, event: 'notification.read', payload: { ids: [newest.id], allBefore: null, unread: 2 } }]);
  });

  it('treats another agent’s notification as unknown', async () => {
    const { centre } = await withThree();
    const [newest] = (await centre.list(ANNA, undefined)).items;
    await expect(centre.markRead(BORIS, newest.id)).rejects.toThrow('not found');
    expect(await centre.unreadCount(ANNA)).toBe(3);
  });

  it('marks everything read at once', async () => {
    const { centre } = await withThree();
    expect(await centre.markAllRead(ANNA, new Date('2026-01-05T11:00:00Z'))).toEqual({ unread: 0 });
  });

  it('keeps settings, every event on until switched off, and refuses unknown events', async () => {
    const { centre } = notificationsOnFakes();
    expect((await centre.settings(ANNA)).events.mention).toBe(true);
    const saved = await centre.saveSettings(ANNA, { events: { message: false }, sound: 'none' });
    expect(saved).toMatchObject({ sound: 'none', browser: true, events: { message: false, mention: true } });
    await expect(centre.saveSettings(ANNA, { events: { typing: true } as never })).rejects.toThrow('Unknown notification events: typing');
  });
});

describe('CollaboratorsService', () => {
  it('follows and unfollows by hand, once each', async () => {
    const { collaborators } = notificationsOnFakes();
    await collaborators.add(CONVERSATION, BORIS, BORIS);
    expect((await collaborators.add(CONVERSATION, BORIS, ANNA)).map((c) => [c.name, c.reason, c.addedBy])).toEqual([['Борис Петров', 'manual', BORIS]]);
    await collaborators.remove(CONVERSATION, BORIS);
    await expect(collaborators.remove(CONVERSATION, BORIS)).rejects.toThrow('does not follow');
  });

  it('answers 404 for an unknown conversation or user', async () => {
    const { collaborators } = notificationsOnFakes();
    await expect(collaborators.list('0190a7c2-0000-7000-8000-0000000000ff')).rejects.toThrow('not found');
    await expect(collaborators.add(CONVERSATION, '0190a7c2-0000-7000-8000-0000000000ff', ANNA)).rejects.toThrow('not found');
  });

  it('prunes each agent to the last 100, newest kept', async () => {
    const setup = notificationsOnFakes();
    const conversation = (await setup.store.conversation(CONVERSATION))!;
    const start = Date.parse('2026-01-05T10:00:00Z');
    for (let i = 0; i < 103; i++) {
      await setup.notify.notify({ type: 'message', assigneeId: ANNA, collaboratorIds: [] }, { key: `a${i}`, conversation, actorId: null, title: 'Иван' }, new Date(start + i * 1000));
    }
    await setup.notify.notify({ type: 'message', assigneeId: BORIS, collaboratorIds: [] }, { key: 'b', conversation, actorId: null, title: 'Иван' }, new Date(start));
    expect(await setup.centre.prune()).toBe(3);
    const annas = setup.store.notifications.filter((n) => n.userId === ANNA).map((n) => n.createdAt.getTime()).sort((a, b) => a - b);
    expect(annas).toHaveLength(100);
    expect(annas[0]).toBe(start + 3000);
    expect(setup.store.notifications.filter((n) => n.userId === BORIS)).toHaveLength(1);
  });
});
