import { customerIdOfVisitor, issueVisitorToken, verifyVisitorToken } from './visitor-token';

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

describe('the customer a visitor becomes', () => {
  it('is one uuid per visitor, the same on every call', () => {
    const id = customerIdOfVisitor('3b0c5c1e-visitor');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(customerIdOfVisitor('3b0c5c1e-visitor')).toBe(id);
    expect(customerIdOfVisitor('another-visitor')).not.toBe(id);
  });
});
