import { issueVisitorToken, verifyVisitorToken } from './visitor-token';

describe('visitor token', () => {
  it('gives back the visitor id of a token it issued', () => {
    const token = issueVisitorToken('s3cret', 'visitor-1');
    expect(verifyVisitorToken('s3cret', token)).toBe('visitor-1');
  });

  it('rejects a token signed with another secret or tampered with', () => {
    const token = issueVisitorToken('s3cret', 'visitor-1');
    expect(verifyVisitorToken('other', token)).toBeNull();
    expect(verifyVisitorToken('s3cret', token.replace('visitor-1', 'visitor-2'))).toBeNull();
    expect(verifyVisitorToken('s3cret', 42)).toBeNull();
  });
});
