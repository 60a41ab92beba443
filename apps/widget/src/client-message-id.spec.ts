import { createClientMessageId } from './client-message-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createClientMessageId', () => {
  it('uses crypto.randomUUID where the browser has it', () => {
    expect(createClientMessageId({ randomUUID: () => '11111111-1111-4111-8111-111111111111' })).toBe(
      '11111111-1111-4111-8111-111111111111',
    );
  });

  it('builds a v4 UUID from getRandomValues on insecure pages and old browsers', () => {
    const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
      new Uint8Array((array as unknown as Uint8Array).buffer).fill(0xff);
      return array;
    };
    expect(createClientMessageId({ getRandomValues } as Partial<Crypto>)).toMatch(UUID_V4);
  });

  it('still produces distinct v4 UUIDs without any crypto', () => {
    const ids = new Set(Array.from({ length: 100 }, () => createClientMessageId({})));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
