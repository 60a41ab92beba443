import type { API } from 'vk-io';

export interface VkProfile {
  id: number;
  name: string | null;
  /** `https://vk.com/id<id>`: the link that stays right when the user changes their short name. */
  profileUrl: string;
  screenName: string | null;
}

const TTL_MS = 10 * 60_000;
const MAX_CACHED = 20_000;
/** users.get takes up to 1000 ids a call. */
const MAX_IDS = 1000;
const LOOKUP_TIMEOUT_MS = 2000;

/**
 * The names behind VK user ids (users.get), for the customer's name and the admin who answered from
 * VK. Lookups of one moment share one users.get call, answers are kept ten minutes, and a failed
 * lookup yields no name rather than holding up the message.
 */
export class VkNames {
  private readonly cache = new Map<string, { profile: VkProfile; at: number }>();
  private readonly pending = new Map<string, { ids: Set<number>; waiters: { ids: number[]; resolve(p: Map<number, VkProfile>): void }[] }>();
  /** Communities with a users.get call out: what is asked meanwhile waits for it and goes in the next one. */
  private readonly inFlight = new Set<string>();

  /** `key` separates communities (one token each); `api` makes the call. */
  async lookup(key: string, api: API, ids: number[]): Promise<Map<number, VkProfile>> {
    const out = new Map<number, VkProfile>();
    const missing: number[] = [];
    const now = Date.now();
    for (const id of new Set(ids)) {
      const hit = this.cached(key, id, now);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const fetched = await this.batched(key, api, missing);
    for (const [id, p] of fetched) out.set(id, p);
    return out;
  }

  /** A name already known (and not older than ten minutes), without waiting: what most events need. */
  cached(key: string, id: number, now = Date.now()): VkProfile | undefined {
    const hit = this.cache.get(`${key}\n${id}`);
    return hit && now - hit.at < TTL_MS ? hit.profile : undefined;
  }

  private batched(key: string, api: API, ids: number[]): Promise<Map<number, VkProfile>> {
    return new Promise((resolve) => {
      let batch = this.pending.get(key);
      if (!batch) {
        batch = { ids: new Set(), waiters: [] };
        this.pending.set(key, batch);
        // Whatever else asks within this tick, or while a call is out, goes into the same call: one
        // call at a time per community, however busy (VK allows a community 20 calls a second).
        if (!this.inFlight.has(key)) setImmediate(() => void this.flush(key, api));
      }
      ids.forEach((id) => batch!.ids.add(id));
      batch.waiters.push({ ids, resolve });
    });
  }

  private async flush(key: string, api: API): Promise<void> {
    const batch = this.pending.get(key);
    this.pending.delete(key);
    if (!batch) return;
    this.inFlight.add(key);
    const all = [...batch.ids];
    const found = new Map<number, VkProfile>();
    for (let i = 0; i < all.length; i += MAX_IDS) {
      try {
        const users = (await Promise.race([
          api.users.get({ user_ids: all.slice(i, i + MAX_IDS), fields: ['screen_name'] } as never),
          new Promise((_, reject) => setTimeout(() => reject(new Error('users.get timed out')), LOOKUP_TIMEOUT_MS).unref()),
        ])) as { id: number; first_name?: string; last_name?: string; screen_name?: string }[];
        for (const u of users ?? []) {
          if (!Number.isSafeInteger(u?.id)) continue;
          const profile = profileOf(u);
          found.set(u.id, profile);
          this.remember(`${key}\n${u.id}`, profile);
        }
      } catch {
        // No names this time: the message goes on without them, a later one fills them in.
      }
    }
    this.inFlight.delete(key);
    if (this.pending.has(key)) setImmediate(() => void this.flush(key, api));
    for (const w of batch.waiters) w.resolve(new Map(w.ids.flatMap((id) => (found.has(id) ? [[id, found.get(id)!] as const] : []))));
  }

  private remember(key: string, profile: VkProfile): void {
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { profile, at: Date.now() });
  }
}

export function profileOf(u: { id: number; first_name?: string; last_name?: string; screen_name?: string }): VkProfile {
  const name = [u.first_name, u.last_name].filter((p) => typeof p === 'string' && p.trim()).join(' ').trim() || null;
  return { id: u.id, name, profileUrl: `https://vk.com/id${u.id}`, screenName: typeof u.screen_name === 'string' && u.screen_name ? u.screen_name : null };
}
