import type { ConversationDto, InboxDto, MessageDto, Page } from '@parley/contracts';
import { MetaEmulator, startMetaEmulator } from '../../../tools/emulators/src/meta/meta-emulator';
import { api, login, RunningApp, startApp } from './harness';
import { eventually } from './twilio-fixture';

/**
 * Parley behind a proxy at PUBLIC_URL (a host that does not resolve here), the Meta emulator
 * reaching it the way Meta would, one app with one Page and its Instagram account, and a Messenger
 * and an Instagram inbox created through the API with the emulator as their `apiBaseUrl`; the app's
 * webhooks are pointed at them as an admin would in the App Dashboard (with a hub.challenge check).
 */
export const PUBLIC_URL = 'https://parley.example.test';
export const VERIFY_TOKEN = 'проверка-вебхука';

export interface MetaSuite {
  app: RunningApp;
  url: string;
  token: string;
  emulator: MetaEmulator;
  appCredentials: { appId: string; appSecret: string };
  page: { pageId: string; pageAccessToken: string; instagramAccountId: string };
  messenger: InboxDto;
  instagram: InboxDto;
}

export function useMetaSuite(): MetaSuite {
  const t = {} as MetaSuite;
  beforeAll(async () => {
    t.app = await startApp(undefined, { publicUrl: PUBLIC_URL });
    t.url = t.app.url;
    t.token = (await login(t.url)).accessToken;
    t.emulator = await startMetaEmulator({ host: '127.0.0.1', port: 0, parleyUrl: t.url, statusStepMs: 5, retryDelayMs: 20, retries: 3 });
    t.appCredentials = t.emulator.addApp();
    t.page = t.emulator.addPage({ appId: t.appCredentials.appId, name: 'Ромашка' });
    const inbox = async (name: string, channel: 'messenger' | 'instagram') => {
      const config = { ...t.page, appSecret: t.appCredentials.appSecret, verifyToken: VERIFY_TOKEN, apiBaseUrl: t.emulator.url };
      const res = await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name, channel, config }, t.token);
      if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
      await t.emulator.subscribe(t.appCredentials.appId, channel === 'messenger' ? 'page' : 'instagram', `${PUBLIC_URL}/webhooks/meta/${res.body.id}`, VERIFY_TOKEN);
      return res.body;
    };
    t.messenger = await inbox('Messenger', 'messenger');
    t.instagram = await inbox('Instagram', 'instagram');
  });
  afterAll(async () => {
    await t.emulator?.close();
    await t.app?.close();
  });
  return t;
}

/** Polls until `probe` gives something truthy: the one the Twilio suite uses. */
export { eventually };

export async function conversationsOf(t: MetaSuite, inbox: InboxDto): Promise<ConversationDto[]> {
  const open = (await api<Page<ConversationDto>>(t.url, 'GET', `/api/conversations?inboxId=${inbox.id}&limit=100`, undefined, t.token)).body.items;
  const resolved = (await api<Page<ConversationDto>>(t.url, 'GET', `/api/conversations?inboxId=${inbox.id}&limit=100&status=resolved`, undefined, t.token)).body.items;
  return [...open, ...resolved];
}

/** Oldest first. */
export async function messagesOf(t: MetaSuite, conversationId: string): Promise<MessageDto[]> {
  return (await api<Page<MessageDto>>(t.url, 'GET', `/api/conversations/${conversationId}/messages?limit=200`, undefined, t.token)).body.items.reverse();
}

/** The stored message with this content in this inbox, once the inbound queue has stored it. */
export function storedMessage(t: MetaSuite, inbox: InboxDto, content: string, direction: 'inbound' | 'outbound' = 'inbound'): Promise<MessageDto> {
  return eventually(async () => {
    for (const c of await conversationsOf(t, inbox)) {
      const found = (await messagesOf(t, c.id)).find((m) => m.direction === direction && m.content === content);
      if (found) return found;
    }
    return null;
  }, `${direction} "${content}"`);
}

export function reply(t: MetaSuite, conversationId: string, body: Record<string, unknown>, language = 'en') {
  return fetch(`${t.url}/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}`, 'accept-language': language },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as MessageDto & { message?: string; code?: string } }));
}

/** The message once its delivery status satisfies `done`. */
export function deliveryOf(t: MetaSuite, message: MessageDto, done: (m: MessageDto) => boolean): Promise<MessageDto> {
  return eventually(async () => (await messagesOf(t, message.conversationId)).find((m) => m.id === message.id && done(m)), `delivery of ${message.id}`);
}
