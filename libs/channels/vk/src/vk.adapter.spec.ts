import type { API } from 'vk-io';
import type { AttachmentStorePort, InboundMessage, InboundRequest, InboxRef } from '@parley/channels-core';
import { VkAdapter } from './vk.adapter';

const INBOX_ID = '0190a000-0000-7000-8000-000000000001';

function setUp() {
  const calls: { token: string; ids: number[] }[] = [];
  const adapter = new VkAdapter({} as AttachmentStorePort);
  jest.spyOn(adapter, 'client').mockImplementation((config) => ({
    users: {
      get: async ({ user_ids }: { user_ids: number[] }) => {
        calls.push({ token: config.accessToken, ids: user_ids });
        return user_ids.map((id) => ({ id, first_name: 'Ольга', last_name: `Покупатель ${id}`, screen_name: `olga${id}` }));
      },
    },
  }) as unknown as API);
  return { adapter, calls };
}

const inboxWith = (config: Record<string, unknown> = {}): InboxRef => ({
  id: INBOX_ID, channel: 'vk', config: { accessToken: 'vk1.a.token', groupId: 77, secretKey: 's3cret', mode: 'callback', ...config },
});

const event = (n: number, from = 1001, extra: Record<string, unknown> = {}): InboundRequest => ({
  url: `https://parley.example/webhooks/vk/${INBOX_ID}`, headers: {}, rawBody: Buffer.alloc(0),
  body: {
    type: 'message_new', event_id: `e${n}`, v: '5.199', group_id: 77, secret: 's3cret',
    object: { message: { id: n, date: 1765000000, peer_id: from, from_id: from, text: `Где мой заказ №${n}?`, out: 0, attachments: [] }, client_info: { lang_id: 0 } },
    ...extra,
  },
});

describe('VkAdapter', () => {
  it('checks the secret VK puts in every event, and the community it names', () => {
    const { adapter } = setUp();
    const inbox = inboxWith();
    expect(adapter.verify(event(1), inbox)).toBe(true);
    expect(adapter.verify(event(1, 1001, { secret: 's3creT' }), inbox)).toBe(false);
    expect(adapter.verify(event(1, 1001, { secret: undefined }), inbox)).toBe(false);
    expect(adapter.verify(event(1, 1001, { group_id: 78 }), inbox)).toBe(false);
    expect(adapter.verify(event(1), inboxWith({ secretKey: undefined }))).toBe(false);
  });

  it('waits for users.get only for a sender it has not named lately: the next event is answered at once', async () => {
    const { adapter, calls } = setUp();
    const inbox = inboxWith();
    const first = adapter.parse(event(1), inbox);
    expect(first).toBeInstanceOf(Promise);
    const [stored] = await first;
    expect(stored).toMatchObject({
      providerMessageId: '1001:1', content: 'Где мой заказ №1?',
      sender: { externalId: '1001', displayName: 'Ольга Покупатель 1001' },
      customerFill: { name: 'Ольга Покупатель 1001', attributes: { vkProfile: 'https://vk.com/id1001' } },
      identityUpdate: { metadata: { peerId: 1001, langId: 0, profileUrl: 'https://vk.com/id1001', screenName: 'olga1001' } },
    });

    const second = adapter.parse(event(2), inbox) as InboundMessage[];
    expect(Array.isArray(second)).toBe(true);
    expect(second[0]).toMatchObject({ providerMessageId: '1001:2', sender: { displayName: 'Ольга Покупатель 1001' }, customerFill: { name: 'Ольга Покупатель 1001' } });
    expect(calls).toEqual([{ token: 'vk1.a.token', ids: [1001] }]);
  });

  it('reads changed settings (a new token) as soon as the inbox carries them', async () => {
    const { adapter, calls } = setUp();
    await adapter.parse(event(1), inboxWith());
    await adapter.parse(event(2), inboxWith({ accessToken: 'vk1.a.rotated' }));
    expect(calls.map((c) => c.token)).toEqual(['vk1.a.token', 'vk1.a.rotated']);
  });

  it('refuses what is not an event, and ignores event types it does not take', () => {
    const { adapter, calls } = setUp();
    expect(() => adapter.parse({ ...event(1), body: [] }, inboxWith())).toThrow('a VK event must be a JSON object');
    expect(() => adapter.parse({ ...event(1), body: { type: 'message_new', object: { message: { id: 1 } } } }, inboxWith())).toThrow('a message needs id, peer_id and from_id');
    expect(adapter.parse({ ...event(1), body: { type: 'wall_post_new', object: {} } }, inboxWith())).toEqual([]);
    expect(calls).toEqual([]);
  });
});
