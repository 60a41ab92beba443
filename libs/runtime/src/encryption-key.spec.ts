import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keyFilePath, loadKeyRing, prependKeyFileKey, trimKeyFile } from './encryption-key';
import { generateEncryptionKey } from './secret-envelope';

describe('loadKeyRing', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'parley-key-'));

  it('takes the keys from the environment when set', () => {
    const key = generateEncryptionKey();
    const { ring, source } = loadKeyRing({ keys: `prod-1:${key}`, required: true }, undefined);
    expect(ring.current.id).toBe('prod-1');
    expect(source).toBe('environment');
  });

  it('refuses to start in production without a key from the environment', () => {
    expect(() => loadKeyRing({ keys: undefined, required: true }, 'postgres://db/parley')).toThrow(/NODE_ENV=production needs PARLEY_ENCRYPTION_KEY/);
  });

  it('embedded: generates the key once into parley.key next to the SQLite file, readable by its owner only', () => {
    const d = dir();
    const url = `sqlite:${path.join(d, 'parley.sqlite')}`;
    const first = loadKeyRing({ keys: undefined, required: false }, url);
    const file = path.join(d, 'parley.key');
    expect(first.source).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeyRing({ keys: undefined, required: false }, url).ring.current).toEqual(first.ring.current);
  });

  it('keeps the key file of PostgreSQL without a configured key in ./data', () => {
    expect(keyFilePath('postgres://db/parley')).toBe(path.resolve('data', 'parley.key'));
    expect(keyFilePath(undefined)).toBe(path.resolve('data', 'parley.key'));
  });

  it('rotates the key file: a new key first, the old one readable until trimmed', () => {
    const d = dir();
    const url = `sqlite:${path.join(d, 'parley.sqlite')}`;
    const before = loadKeyRing({ keys: undefined, required: false }, url).ring.current.id;
    const file = keyFilePath(url);
    prependKeyFileKey(file);
    const during = loadKeyRing({ keys: undefined, required: false }, url).ring;
    expect(during.keys.map((k) => k.id)).toEqual([expect.any(String), before]);
    expect(during.current.id).not.toBe(before);
    trimKeyFile(file);
    expect(loadKeyRing({ keys: undefined, required: false }, url).ring.keys.map((k) => k.id)).toEqual([during.current.id]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
