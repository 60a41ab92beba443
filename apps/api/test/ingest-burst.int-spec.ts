import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { ConversationDto, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, next, useRunningApp } from './harness';

/**
 * Many visitors writing at once: on PostgreSQL concurrent messages are stored in group commits
 * (several messages per statement and transaction); on SQLite one by one. Either way each message
 * is stored once, one visitor's messages keep their order, and counts and timelines add up.
 */
describe('a burst of concurrent web chat messages', () => {
  const t = useRunningApp();
  const send = (s: Socket, content: string, clientMessageId: string) =>
    s.emitWithAck('message:send', { content, clientMessageId }) as Promise<WidgetSendAck>;

  it('stores each message once, in order per visitor, with unread counts, previews, timelines and follow-ups', async () => {
    const VISITORS = 12;
    const BURST = 5;
    // Batched rows travel as PostgreSQL arrays: quotes, braces, commas, backslashes and NULL-looking text must survive.
    const text = (v: number, n: number) => `visitor ${v} message ${n}${n === 1 ? ' — "quoted", {braced}, back\\slash, NULL, \'single\' Привет 🙂' : ''}`;
    const visitors = await Promise.all(Array.from({ length: VISITORS }, async (_, v) => {
      const socket = t.open('/widget', { websiteToken: t.websiteToken });
      const session = await next<WidgetSession>(socket, 'session');
      // The first message opens the conversation (the full pipeline).
      expect((await send(socket, `visitor ${v} says hello`, `burst-${v}-hello`)).ok).toBe(true);
      return { v, socket, session };
    }));

    // Everyone at once, each message sent without waiting for the one before; every third visitor
    // also re-sends one message (a reconnect retry) inside the same burst.
    const acks = await Promise.all(visitors.flatMap(({ v, socket }) => [
      ...Array.from({ length: BURST }, (_, n) => send(socket, text(v, n), `burst-${v}-msg-${n}`)),
      ...(v % 3 === 0 ? [send(socket, text(v, 2), `burst-${v}-msg-2`)] : []),
    ]));
    expect(acks.every((a) => a.ok)).toBe(true);

    for (const { v, session } of visitors) {
      const timeline = await api(t.url, 'GET', `/api/customers/${session.customerId}/timeline`, undefined, t.token);
      const said = timeline.body.items.filter((e: { type: string }) => e.type === 'message').map((e: { content: string }) => e.content).reverse();
      expect(said).toEqual([`visitor ${v} says hello`, ...Array.from({ length: BURST }, (_, n) => text(v, n))]);
      const conversations = await api<{ items: ConversationDto[] }>(t.url, 'GET', `/api/customers/${session.customerId}/conversations`, undefined, t.token);
      const mine = conversations.body.items.filter((c) => c.customerId === session.customerId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ unreadCount: 1 + BURST, lastMessagePreview: text(v, BURST - 1), status: 'open' });
    }

    // The follow-up work (sentiment, routing, SLA) ran for every message, batched or not.
    const db = t.app.app.get(DataSource);
    const expected = VISITORS * (1 + BURST);
    let analysed = 0;
    for (let i = 0; i < 100 && analysed < expected; i++) {
      const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM message_sentiments s JOIN messages m ON m.id = s.message_id WHERE m.content LIKE 'visitor %'`);
      analysed = Number(n);
      if (analysed < expected) await new Promise((r) => setTimeout(r, 100));
    }
    expect(analysed).toBe(expected);
  });
});
