import { jsonDepthExceeds } from './request-body';

describe('jsonDepthExceeds', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('lets ordinary payloads through', () => {
    expect(jsonDepthExceeds(JSON.stringify({ content: 'Здравствуйте', data: { order: { items: [{ sku: 'чайник' }] } } }))).toBe(false);
    expect(jsonDepthExceeds(nested(32))).toBe(false);
  });

  it('refuses nesting past the cap, objects and arrays alike', () => {
    expect(jsonDepthExceeds(nested(33))).toBe(true);
    expect(jsonDepthExceeds(nested(20_000))).toBe(true);
    expect(jsonDepthExceeds('{"a":'.repeat(40) + '1' + '}'.repeat(40))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ content: '['.repeat(100) + '\\"{{{' + '"['.repeat(50) });
    expect(jsonDepthExceeds(text)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(text))).toBe(false);
  });
});
