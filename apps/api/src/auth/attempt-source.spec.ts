import { attemptSource } from './attempt-source';

describe('sign-in attempt source', () => {
  it('keeps an IPv4 address, also when written as IPv4-mapped IPv6', () => {
    expect(attemptSource('203.0.113.7')).toBe('203.0.113.7');
    expect(attemptSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one source', () => {
    expect(attemptSource('2001:db8:85a3:12:1::1')).toBe('2001:db8:85a3:12::/64');
    expect(attemptSource('2001:0db8:85a3:0012:ffff:ffff:ffff:fffe')).toBe('2001:db8:85a3:12::/64');
    expect(attemptSource('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(attemptSource('::1')).toBe('0:0:0:0::/64');
  });

  it('names a missing address rather than failing', () => {
    expect(attemptSource(undefined)).toBe('unknown');
  });
});
