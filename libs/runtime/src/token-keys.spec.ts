import { signToken, verifyToken } from '@parley/domain';
import { loadConfig } from './config';
import { parseTokenKeys, tokenKeyRing } from './token-keys';

const NEW = 'новый-секрет-для-подписи-ссылок-2027';
const OLD = 'прежний-секрет-для-подписи-ссылок-26';

describe('token keys (PARLEY_TOKEN_KEYS)', () => {
  it('signs with the instance key when nothing is configured', () => {
    const ring = tokenKeyRing(parseTokenKeys(undefined), 'instance-secret');
    expect(ring.keys.map((k) => k.id)).toEqual(['instance']);
    expect(signToken(ring, 'visitor', 'v-1').startsWith('instance.')).toBe(true);
  });

  it('signs with the first configured key and still verifies tokens of the instance key it keeps', () => {
    const before = tokenKeyRing(undefined, 'instance-secret');
    const old = signToken(before, 'visitor', 'посетитель-1');
    const after = tokenKeyRing(parseTokenKeys(`k2027:${NEW}, instance`), 'instance-secret');
    expect(signToken(after, 'visitor', 'v').startsWith('k2027.')).toBe(true);
    expect(verifyToken(after, 'visitor', old)).toMatchObject({ payload: 'посетитель-1', current: false });
  });

  it('stops verifying a key once it is dropped from the list', () => {
    const old = signToken(tokenKeyRing(parseTokenKeys(`k2026:${OLD}`), 'x'), 'survey-link', 's-1');
    expect(verifyToken(tokenKeyRing(parseTokenKeys(`k2027:${NEW},k2026:${OLD}`), 'x'), 'survey-link', old)?.payload).toBe('s-1');
    expect(verifyToken(tokenKeyRing(parseTokenKeys(`k2027:${NEW}`), 'x'), 'survey-link', old)).toBeNull();
  });

  it('refuses to start with a malformed list, naming the problem', () => {
    expect(() => parseTokenKeys(`k1:short`)).toThrow(/"k1" must be at least 32/);
    expect(() => parseTokenKeys(NEW)).toThrow(/id:secret/);
    expect(() => parseTokenKeys(`instance:${NEW}`)).toThrow(/id:secret/);
    expect(() => parseTokenKeys(`k1:${NEW},k1:${OLD}`)).toThrow(/unique/);
    expect(() => loadConfig({ PARLEY_TOKEN_KEYS: 'k1:short' })).toThrow(/PARLEY_TOKEN_KEYS/);
    expect(loadConfig({ PARLEY_TOKEN_KEYS: `k1:${NEW},instance` }).tokenKeys).toEqual([{ id: 'k1', secret: NEW }, { id: 'instance' }]);
  });
});
