import type { API } from 'vk-io';
import { VkNames } from './vk-names';

describe('VkNames', () => {
  it('makes one users.get call at a time per community, batching what is asked meanwhile, and remembers the answers', async () => {
    const calls: number[][] = [];
    let release: () => void = () => undefined;
    const api = {
      users: {
        get: async ({ user_ids }: { user_ids: number[] }) => {
          calls.push(user_ids);
          if (calls.length === 1) await new Promise<void>((r) => (release = r));
          return user_ids.map((id) => ({ id, first_name: 'Ольга', last_name: String(id) }));
        },
      },
    } as unknown as API;
    const names = new VkNames();
    const first = names.lookup('token', api, [1]);
    await new Promise((r) => setImmediate(r));
    const second = names.lookup('token', api, [2]);
    const third = names.lookup('token', api, [3, 2]);
    release();
    expect((await first).get(1)).toEqual({ id: 1, name: 'Ольга 1', profileUrl: 'https://vk.com/id1', screenName: null });
    expect([...(await second).keys()]).toEqual([2]);
    expect([...(await third).keys()].sort()).toEqual([2, 3]);
    expect(calls).toEqual([[1], [2, 3]]);
    expect((await names.lookup('token', api, [3])).get(3)?.name).toBe('Ольга 3');
    expect(calls).toHaveLength(2);
  });
});
