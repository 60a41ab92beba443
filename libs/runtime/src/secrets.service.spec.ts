import type { DataSource } from 'typeorm';
import { useSecretCipher } from '@parley/persistence';
import type { ParleyConfig } from './config';
import { EnvelopeCipher, KeyRing, seal } from './secret-envelope';
import { SecretsService } from './secrets.service';

const key = (id: string, byte: number) => ({ id, key: Buffer.alloc(32, byte) });

/** The two tables the check reads, as rows of raw SQL results. */
function database(inboxes: { id: string; config: string }[], settings: { key: string; value: string }[]): DataSource {
  return { options: { type: 'better-sqlite3' }, query: async (sql: string) => (/FROM inboxes/.test(sql) ? inboxes : settings) } as unknown as DataSource;
}

describe('SecretsService start-up check', () => {
  afterEach(() => useSecretCipher(null));
  const config = { jwtSecret: undefined } as ParleyConfig;

  it('refuses to start when a stored secret is sealed with a key that is not configured, naming the key and the rows', async () => {
    useSecretCipher(new EnvelopeCipher(new KeyRing([key('current', 1)])));
    const lost = seal(new KeyRing([key('dropped', 2)]), 'twilio-token');
    const db = database([{ id: 'inbox-1', config: JSON.stringify({ accountSid: 'AC1', authToken: lost }) }], [{ key: 'jwt_secret', value: lost }]);
    await expect(new SecretsService(db, config).onApplicationBootstrap()).rejects.toThrow(/encryption key dropped, which is not configured.*inbox inbox-1, setting jwt_secret/);
  });

  it('starts with values in clear or under an older key that is still configured (before a rotation)', async () => {
    const ring = new KeyRing([key('new', 1), key('old', 2)]);
    useSecretCipher(new EnvelopeCipher(ring));
    const db = database(
      [{ id: 'inbox-1', config: JSON.stringify({ botToken: seal(new KeyRing([key('old', 2)]), '123:ABC'), smtp: { pass: 'пароль' } }) }],
      [{ key: 'visitor_secret', value: seal(ring, 'v') }],
    );
    await expect(new SecretsService(db, config).onApplicationBootstrap()).resolves.toBeUndefined();
  });
});
