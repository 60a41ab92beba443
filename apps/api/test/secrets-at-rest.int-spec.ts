import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { EncryptSecrets1765400000000 } from '../../../libs/persistence/src/migrations/1765400000000-encrypt-secrets';
import { InboxEntity } from '@parley/persistence';
import { generateEncryptionKey, keyFilePath, sealedWith } from '@parley/runtime';
import { rotateEncryptionKey } from '../../../tools/scripts/rotate-encryption-key';
import { api } from './harness';
import { deliveryOf, inboundMessage, reply, SMS_NUMBER, useTwilioSuite } from './twilio-fixture';

describe('secrets at rest', () => {
  const t = useTwilioSuite();
  const db = () => t.app.app.get(DataSource);
  const postgres = () => db().options.type === 'postgres';
  const p = (n: number) => (postgres() ? `$${n}` : '?');
  // As stored: JSON text on SQLite; jsonb (read back parsed) on PostgreSQL, written out again for the same checks.
  const rawConfig = async (id: string): Promise<string> => {
    const { config } = (await db().query(`SELECT config FROM inboxes WHERE id = ${p(1)}`, [id]))[0];
    return typeof config === 'string' ? config : JSON.stringify(config);
  };
  const rawSetting = async (key: string): Promise<string | undefined> => (await db().query(`SELECT value FROM settings WHERE key = ${p(1)}`, [key]))[0]?.value;

  /** A customer texts the SMS inbox (signature checked with the stored token), an agent answers (sent with it). */
  async function roundTrip(from: string, text: string) {
    const answer = await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: text });
    expect(answer.status).toBe(200);
    const inbound = await inboundMessage(t, t.sms, text);
    const sent = await reply(t, inbound.conversationId, { content: `Ответ: ${text}` });
    expect(sent.status).toBe(201);
    expect((await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'delivered')).deliveryError).toBeNull();
    expect(t.emulator.list({ direction: 'outbound-api', to: from }).map((m) => m.body)).toContain(`Ответ: ${text}`);
  }

  it('keeps no provider token nor signing key in clear in the database, and the channel still works', async () => {
    const stored = await rawConfig(t.sms.id);
    expect(stored).not.toContain(t.account.authToken);
    expect(JSON.parse(stored)).toMatchObject({ accountSid: t.account.accountSid, from: SMS_NUMBER, authToken: expect.stringMatching(/^enc:v1:/) });
    expect(await rawSetting('jwt_secret')).toMatch(/^enc:v1:/);

    const listed = await api(t.url, 'GET', '/api/inboxes', undefined, t.token);
    expect(JSON.stringify(listed.body)).not.toContain(t.account.authToken);
    expect(JSON.stringify(listed.body)).not.toContain('enc:v1:');

    await roundTrip('+79995550001', 'Здравствуйте, где посылка?');
  });

  it('keeps a secret edited through the API sealed, and one left masked unchanged', async () => {
    const before = JSON.parse(await rawConfig(t.whatsapp.id)).authToken;
    const renamed = await api(t.url, 'PATCH', `/api/inboxes/${t.whatsapp.id}`, { name: 'WhatsApp магазина', config: { authToken: '••••' } }, t.token);
    expect(renamed.status).toBe(200);
    const after = JSON.parse(await rawConfig(t.whatsapp.id)).authToken;
    expect(after).toMatch(/^enc:v1:/);
    expect((await db().getRepository(InboxEntity).findOneByOrFail({ id: t.whatsapp.id })).config.authToken).toBe(t.account.authToken);
    expect(sealedWith(after)).toBe(sealedWith(before));
  });

  it('upgrade: the migration seals values written in clear before it, and reading tolerates them until then', async () => {
    const clear = { accountSid: t.account.accountSid, authToken: t.account.authToken, from: '+15005550099', apiBaseUrl: t.emulator.url };
    const id = '00000000-0000-7000-8000-0000000000c1';
    const now = new Date();
    await db().getRepository(InboxEntity).insert({ id, name: 'SMS до обновления', channel: 'sms', config: {}, websiteToken: null, createdAt: now, updatedAt: now });
    // What the previous version stored: the config as plain JSON.
    await db().query(`UPDATE inboxes SET config = ${p(1)} WHERE id = ${p(2)}`, [JSON.stringify(clear), id]);
    await db().query(`DELETE FROM settings WHERE key = ${p(1)}`, ['visitor_secret']);
    await db().query(`INSERT INTO settings (key, value) VALUES (${p(1)}, ${p(2)})`, ['visitor_secret', 'clear-visitor-secret']);
    expect((await db().getRepository(InboxEntity).findOneByOrFail({ id })).config).toEqual(clear);

    const runner = db().createQueryRunner();
    try {
      await new EncryptSecrets1765400000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await rawConfig(id)).not.toContain(t.account.authToken);
    expect(await rawSetting('visitor_secret')).toMatch(/^enc:v1:/);
    expect((await db().getRepository(InboxEntity).findOneByOrFail({ id })).config).toEqual(clear);
  });

  it('rotation re-encrypts every secret with the newest key, and the channel works on', async () => {
    const oldKey = fs.readFileSync(keyFilePath(t.app.config.databaseUrl), 'utf8').trim();
    const newKey = generateEncryptionKey();
    const result = await rotateEncryptionKey({ DATABASE_URL: t.app.config.databaseUrl, PARLEY_ENCRYPTION_KEYS: `2026-12:${newKey},${oldKey}` });
    expect(result.keyId).toBe('2026-12');
    expect(result.inboxes).toBeGreaterThanOrEqual(2);
    expect(result.settings).toBeGreaterThanOrEqual(1);

    for (const inbox of [t.sms, t.whatsapp]) expect(sealedWith(JSON.parse(await rawConfig(inbox.id)).authToken)).toBe('2026-12');
    expect(sealedWith((await rawSetting('jwt_secret'))!)).toBe('2026-12');
    // Run again: nothing is left to rewrite.
    expect(await rotateEncryptionKey({ DATABASE_URL: t.app.config.databaseUrl, PARLEY_ENCRYPTION_KEYS: `2026-12:${newKey},${oldKey}` })).toMatchObject({ inboxes: 0, settings: 0 });

    await roundTrip('+79995550002', 'После смены ключа всё работает?');
  });
});
