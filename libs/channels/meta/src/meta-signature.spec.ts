import { metaSignature, sameSecret, validMetaSignature } from './meta-signature';

describe('X-Hub-Signature-256', () => {
  const body = Buffer.from('{"object":"page","entry":[{"messaging":[{"message":{"text":"Привет"}}]}]}');

  it('accepts the body signed with the app secret, and nothing else', () => {
    const signature = metaSignature('app-secret', body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(validMetaSignature(signature, 'app-secret', body)).toBe(true);
    expect(validMetaSignature(signature.toUpperCase().replace('SHA256', 'sha256'), 'app-secret', body)).toBe(true);
    expect(validMetaSignature(signature, 'other-secret', body)).toBe(false);
    expect(validMetaSignature(signature, 'app-secret', Buffer.concat([body, Buffer.from(' ')]))).toBe(false);
    expect(validMetaSignature(undefined, 'app-secret', body)).toBe(false);
    expect(validMetaSignature('sha1=abc', 'app-secret', body)).toBe(false);
  });

  it('compares verify tokens exactly', () => {
    expect(sameSecret('токен', 'токен')).toBe(true);
    expect(sameSecret('токен2', 'токен')).toBe(false);
    expect(sameSecret(null, 'токен')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
