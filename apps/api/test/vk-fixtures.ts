import { randomBytes } from 'node:crypto';
import type { InboxDto } from '@parley/contracts';
import { startVk, type RunningVkEmulator } from '../../../tools/emulators/src/vk/vk.emulator';
import type { EmulatedCommunity, VkUser } from '../../../tools/emulators/src/vk/vk-community';
import { api, type SuiteContext } from './harness';

/** A fresh community token: the emulator makes a community for it on first use. */
export const vkToken = (): string => `vk1.a.${randomBytes(24).toString('base64url')}`;

let nextUser = 300_000 + randomBytes(2).readUInt16BE();
export const vkUserId = (): number => nextUser++;

/** The VK emulator in this process, and PUBLIC_URL pointed at the app, so the Callback API server it registers is reachable. */
export function useVkEmulator(t: SuiteContext): { emu: RunningVkEmulator } {
  const holder = {} as { emu: RunningVkEmulator };
  beforeAll(async () => {
    holder.emu = await startVk({ host: '127.0.0.1', port: 0, parleyUrl: t.url });
    t.app.config.publicUrl = t.url;
  });
  afterAll(() => holder.emu?.close());
  return holder;
}

export async function createVkInbox(t: SuiteContext, emu: RunningVkEmulator, config: Record<string, unknown> = {}): Promise<{ inbox: InboxDto; community: EmulatedCommunity; token: string }> {
  const token = (config.accessToken as string) ?? vkToken();
  const res = await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name: `VK ${token.slice(-6)}`, channel: 'vk', config: { accessToken: token, mode: 'callback', apiBaseUrl: `${emu.url}/method`, ...config } }, t.token);
  if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { inbox: res.body, community: emu.community(token), token };
}

export function vkCustomer(community: EmulatedCommunity, first_name = 'Ольга', last_name = 'Петрова'): VkUser {
  return community.user(vkUserId(), { first_name, last_name });
}

/** Posts an event straight to the webhook, as VK would. */
export function postVkEvent(t: SuiteContext, inboxId: string, event: unknown): Promise<Response> {
  return fetch(`${t.url}/webhooks/vk/${inboxId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof event === 'string' ? event : JSON.stringify(event) });
}
