import { Client } from 'pg';
import type { MessageDto } from '@parley/contracts';
import { deliveryOf, inboundMessage, reply, SMS_NUMBER, TwilioSuite, useTwilioSuite } from './twilio-fixture';

// The driver TypeORM uses; it ships no types of its own.
const Database = require('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void };

/** A reply Twilio has taken (status `queued` here) whose status callbacks have not come yet. */
async function queuedReply(t: TwilioSuite, from: string, content: string): Promise<{ message: MessageDto; sid: string }> {
  await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: 'Где мой заказ?' });
  const inbound = await inboundMessage(t, t.sms, 'Где мой заказ?');
  t.emulator.muteStatusCallbacks();
  const sent = (await reply(t, inbound.conversationId, { content })).body;
  const message = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'queued');
  await t.emulator.settled();
  t.emulator.muteStatusCallbacks(false);
  const [atTwilio] = t.emulator.list({ direction: 'outbound-api', to: from });
  return { message, sid: atTwilio.sid };
}

/** The server's own database: the app's process.env.DATABASE_URL becomes the test's database once it starts. */
const SERVER_URL = process.env.DATABASE_URL;

if (process.env.REDIS_URL && SERVER_URL?.startsWith('postgres')) {
  describe('status callbacks while PostgreSQL is down (queue on Redis)', () => {
    const t = useTwilioSuite();

    /** No new connections to the test's database, and the open ones cut: the server is gone for the app. */
    async function databaseDown(down: boolean): Promise<void> {
      const name = new URL(t.app.config.databaseUrl!).pathname.slice(1);
      const admin = new Client({ connectionString: SERVER_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${down ? 'false' : 'true'}`);
        if (down) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      } finally {
        await admin.end();
      }
    }

    afterAll(() => databaseDown(false));

    it('acknowledges them once queued and applies them when the database is back', async () => {
      const { message, sid } = await queuedReply(t, '+79991300001', 'Заказ передан в доставку');
      await databaseDown(true);
      try {
        expect(await t.emulator.sendStatus(sid, 'sent')).toBe(200);
        expect(await t.emulator.sendStatus(sid, 'delivered')).toBe(200);
      } finally {
        await databaseDown(false);
      }
      expect((await deliveryOf(t, message, (m) => m.deliveryStatus === 'delivered')).deliveryError).toBeNull();
    });
  });
} else {
  describe('status callbacks while the embedded queue cannot take them', () => {
    const t = useTwilioSuite();

    it('refuses them with 503 while the database (the queue) is locked, so Twilio sends them again, and applies them afterwards', async () => {
      const { message, sid } = await queuedReply(t, '+79991300002', 'Заказ передан в доставку');
      // Another writer holding SQLite's write lock is the embedded queue being unable to take a job.
      const lock = new Database(t.app.config.databaseUrl!.slice('sqlite:'.length));
      lock.exec('BEGIN EXCLUSIVE');
      try {
        expect(await t.emulator.sendStatus(sid, 'delivered')).toBe(503);
      } finally {
        lock.exec('ROLLBACK');
        lock.close();
      }
      expect(await deliveryOf(t, message, () => true)).toMatchObject({ deliveryStatus: 'queued' });
      expect(await t.emulator.sendStatus(sid, 'delivered')).toBe(200);
      await deliveryOf(t, message, (m) => m.deliveryStatus === 'delivered');
    });
  });
}
