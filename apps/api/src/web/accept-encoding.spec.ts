import { type ContentCoding, pickEncoding } from './accept-encoding';

const both = new Set<ContentCoding>(['br', 'gzip']);

describe('pickEncoding', () => {
  it('prefers brotli when the browser lists gzip first with equal weight', () => {
    expect(pickEncoding('gzip, deflate, br, zstd', both)).toBe('br');
  });

  it('sends gzip to a client that does not know brotli', () => {
    expect(pickEncoding('gzip, deflate', both)).toBe('gzip');
    expect(pickEncoding('x-gzip', both)).toBe('gzip');
  });

  it('honours q=0 for a coding it would otherwise prefer', () => {
    expect(pickEncoding('br;q=0, gzip;q=0.8', both)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0', both)).toBe('identity');
    expect(pickEncoding('*;q=0, identity', both)).toBe('identity');
  });

  it('sends the file as it is without Accept-Encoding or without a precompressed copy', () => {
    expect(pickEncoding(undefined, both)).toBe('identity');
    expect(pickEncoding('', both)).toBe('identity');
    expect(pickEncoding('br, gzip', new Set())).toBe('identity');
    expect(pickEncoding('br', new Set<ContentCoding>(['gzip']))).toBe('identity');
  });

  it('accepts everything under a wildcard', () => {
    expect(pickEncoding('*', both)).toBe('br');
  });

  it('has nothing acceptable when identity is refused and no copy fits', () => {
    expect(pickEncoding('identity;q=0', new Set())).toBeNull();
    expect(pickEncoding('br, *;q=0', new Set<ContentCoding>(['gzip']))).toBeNull();
  });
});
