import { isParleyRandomId, randomIdFor } from './vk-random-id';

describe('randomIdFor', () => {
  it('gives a message part the same safe integer every time, and other parts and messages others', () => {
    const id = randomIdFor('0190a000-0000-7000-8000-000000000001', 0);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBeGreaterThan(0);
    expect(randomIdFor('0190a000-0000-7000-8000-000000000001', 0)).toBe(id);
    expect(randomIdFor('0190a000-0000-7000-8000-000000000001', 1)).not.toBe(id);
    expect(randomIdFor('0190a000-0000-7000-8000-000000000002', 0)).not.toBe(id);
  });

  it('recognizes its own ids and not a client’s', () => {
    expect(isParleyRandomId(randomIdFor('m', 3))).toBe(true);
    expect(isParleyRandomId(randomIdFor('m', 3) + 1)).toBe(false);
    expect(isParleyRandomId(0)).toBe(false);
    expect(isParleyRandomId('x')).toBe(false);
  });
});
