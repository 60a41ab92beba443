import { signToken, TokenKeyRing } from '@parley/domain';
import { customerIdOfVisitor, issueVisitorToken, legacyVisitorMac, resolveVisitorToken, verifyVisitorToken } from './visitor-token';

const OLD_KEY = { id: 'k1', secret: 'ключ-посетителей-первый-32-символа' };
const NEW_KEY = { id: 'k2', secret: 'ключ-посетителей-второй-32-символа' };
const keys = { ring: new TokenKeyRing([NEW_KEY, OLD_KEY]), legacySecret: 's3cret' };
const VISITOR = '3f1d2c4b-8a9e-4b7c-9d0e-1f2a3b4c5d6e';

describe('visitor token', () => {
  it('gives back the visitor id of a token it issued, under the current key', () => {
    const token = issueVisitorToken(keys.ring, VISITOR);
    expect(token.startsWith('k2.')).toBe(true);
    expect(verifyVisitorToken(keys, token)).toBe(VISITOR);
  });

  it('rejects a token signed with another key, tampered with, or made for another purpose', () => {
    const token = issueVisitorToken(keys.ring, VISITOR);
    expect(verifyVisitorToken({ ring: new TokenKeyRing([{ id: 'k2', secret: 'чужой ключ' }]), legacySecret: 'other' }, token)).toBeNull();
    const [kid, , exp, mac] = token.split('.');
    expect(verifyVisitorToken(keys, [kid, Buffer.from('visitor-2').toString('base64url'), exp, mac].join('.'))).toBeNull();
    expect(verifyVisitorToken(keys, signToken(keys.ring, 'survey-link', VISITOR))).toBeNull();
    expect(verifyVisitorToken(keys, 42)).toBeNull();
  });

  it('still accepts a legacy token (`<visitorId>.<hmac>`) kept in a browser from before the signed-token format', () => {
    const legacy = `${VISITOR}.${legacyVisitorMac('s3cret', VISITOR)}`;
    expect(verifyVisitorToken(keys, legacy)).toBe(VISITOR);
    expect(verifyVisitorToken({ ...keys, legacySecret: 'other' }, legacy)).toBeNull();
    expect(verifyVisitorToken(keys, `${VISITOR}.${legacyVisitorMac('s3cret', 'another-visitor')}`)).toBeNull();
  });

  it('keeps a current token, and reissues a legacy or previous-key token for the same visitor under the current key', () => {
    const current = issueVisitorToken(keys.ring, VISITOR);
    expect(resolveVisitorToken(keys, current)).toEqual({ visitorId: VISITOR, visitorToken: current });
    for (const old of [`${VISITOR}.${legacyVisitorMac('s3cret', VISITOR)}`, issueVisitorToken(new TokenKeyRing([OLD_KEY]), VISITOR)]) {
      const { visitorId, visitorToken } = resolveVisitorToken(keys, old);
      expect(visitorId).toBe(VISITOR);
      expect(visitorToken.startsWith('k2.')).toBe(true);
      expect(verifyVisitorToken(keys, visitorToken)).toBe(VISITOR);
    }
  });

  it('starts a new visitor for a missing or forged token', () => {
    for (const presented of [undefined, 'подделка', `${VISITOR}.${legacyVisitorMac('other', VISITOR)}`]) {
      const { visitorId, visitorToken } = resolveVisitorToken(keys, presented);
      expect(visitorId).not.toBe(VISITOR);
      expect(verifyVisitorToken(keys, visitorToken)).toBe(visitorId);
    }
  });
});

describe('the customer a visitor becomes', () => {
  it('is one uuid per visitor, the same on every call', () => {
    const id = customerIdOfVisitor('3b0c5c1e-visitor');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(customerIdOfVisitor('3b0c5c1e-visitor')).toBe(id);
    expect(customerIdOfVisitor('another-visitor')).not.toBe(id);
  });
});
