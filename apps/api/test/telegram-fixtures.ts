import { randomBytes } from 'node:crypto';
import type { ConversationDto, InboxDto, MessageDto } from '@parley/contracts';
import { startTelegram, type RunningTelegramEmulator } from '../../../tools/emulators/src/telegram/telegram.emulator';
import type { EmuUser } from '../../../tools/emulators/src/telegram/emulated-bot';
import { api, type SuiteContext } from './harness';

/** A fresh, well-formed bot token: the emulator makes a bot for it on first use. */
export function botToken(): string {
  return `${100_000 + randomBytes(3).readUIntBE(0, 3)}:${randomBytes(27).toString('base64url')}`;
}

let nextUser = 500_000 + randomBytes(2).readUInt16BE();
export function telegramUser(first_name = 'Ivan', extra: Partial<EmuUser> = {}): EmuUser {
  return { id: nextUser++, first_name, ...extra };
}

/**
 * The Telegram emulator in this process, and the app's PUBLIC_URL pointed at where the app really
 * listens (the harness starts it on a random port), so setWebhook registers a reachable URL.
 */
export function useTelegramEmulator(t: SuiteContext): { emu: RunningTelegramEmulator } {
  const holder = {} as { emu: RunningTelegramEmulator };
  beforeAll(async () => {
    holder.emu = await startTelegram({ host: '127.0.0.1', port: 0, parleyUrl: t.url });
    t.app.config.publicUrl = t.url;
  });
  afterAll(() => holder.emu?.close());
  return holder;
}

export async function createTelegramInbox(t: SuiteContext, emu: RunningTelegramEmulator, config: Record<string, unknown> = {}): Promise<InboxDto & { token: string }> {
  const token = (config.botToken as string) ?? botToken();
  const res = await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name: `Telegram ${token.split(':')[0]}`, channel: 'telegram', config: { botToken: token, mode: 'webhook', apiBaseUrl: emu.url, ...config } }, t.token);
  if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, token };
}

/** Polls until `probe` returns something truthy (the app works asynchronously), or fails. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function conversationsOf(t: SuiteContext, inboxId: string): Promise<ConversationDto[]> {
  const res = await api<{ items: ConversationDto[] }>(t.url, 'GET', `/api/conversations?inboxId=${inboxId}&limit=100`, undefined, t.token);
  const resolved = await api<{ items: ConversationDto[] }>(t.url, 'GET', `/api/conversations?inboxId=${inboxId}&limit=100&status=resolved`, undefined, t.token);
  return [...res.body.items, ...resolved.body.items.filter((c) => !res.body.items.some((o) => o.id === c.id))];
}

/** Every message of an inbox, oldest first. */
export async function messagesOf(t: SuiteContext, inboxId: string): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  for (const c of await conversationsOf(t, inboxId)) {
    const res = await api<{ items: MessageDto[] }>(t.url, 'GET', `/api/conversations/${c.id}/messages?limit=200`, undefined, t.token);
    all.push(...res.body.items);
  }
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** The message a Telegram chat's customer sent, found by its provider key `<chat>:<message id>`. */
export async function waitForMessage(t: SuiteContext, inboxId: string, match: (m: MessageDto) => boolean, what: string): Promise<MessageDto> {
  return waitFor(async () => (await messagesOf(t, inboxId)).find(match), what);
}

/** Posts an update straight to the webhook, as Telegram would. */
export function postUpdate(t: SuiteContext, inboxId: string, update: unknown, secret?: string): Promise<Response> {
  return fetch(`${t.url}/webhooks/telegram/${inboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}
