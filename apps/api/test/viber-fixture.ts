import { createHmac, randomBytes } from 'node:crypto';
import type { InboxDto } from '@parley/contracts';
import { startViber, type RunningViberEmulator } from '../../../tools/emulators/src/viber/viber.emulator';
import type { EmulatedViberBot, ViberEmuUser } from '../../../tools/emulators/src/viber/viber-bot';
import { api, type SuiteContext } from './harness';

/** A fresh, well-formed Viber auth token: the emulator makes a bot for it on first use. */
export function viberToken(): string {
  return [0, 1, 2].map(() => randomBytes(8).toString('hex')).join('-');
}

let nextUser = randomBytes(2).readUInt16BE();
export function viberUser(name = 'Ольга', extra: Partial<ViberEmuUser> = {}): ViberEmuUser {
  return { id: `vb${nextUser++}${randomBytes(6).toString('base64url')}==`, name, language: 'ru', country: 'RU', api_version: 10, ...extra };
}

/** The Viber emulator in this process (fast retries), and PUBLIC_URL pointed at the running app so set_webhook reaches it. */
export function useViberEmulator(t: SuiteContext): { emu: RunningViberEmulator } {
  const holder = {} as { emu: RunningViberEmulator };
  beforeAll(async () => {
    holder.emu = await startViber({ host: '127.0.0.1', port: 0, parleyUrl: t.url, retryDelaysMs: [50, 100, 200] });
    t.app.config.publicUrl = t.url;
  });
  afterAll(() => holder.emu?.close());
  return holder;
}

export async function createViberInbox(t: SuiteContext, emu: RunningViberEmulator, config: Record<string, unknown> = {}): Promise<InboxDto & { token: string; bot: EmulatedViberBot }> {
  const token = (config.authToken as string) ?? viberToken();
  const res = await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name: `Viber ${token.slice(0, 6)}`, channel: 'viber', config: { authToken: token, senderName: 'Ромашка', apiBaseUrl: emu.url, ...config } }, t.token);
  if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, token, bot: emu.bot(token) };
}

/** Posts a callback straight to the webhook, signed with `token` (or unsigned). */
export function postCallback(t: SuiteContext, inboxId: string, body: string | Record<string, unknown>, token?: string): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${t.url}/webhooks/viber/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-viber-content-signature': createHmac('sha256', token).update(raw).digest('hex') } : {}) },
    body: raw,
  });
}
