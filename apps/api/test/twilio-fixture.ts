import type { ConversationDto, CustomerDto, InboxDto, MessageDto, Page } from '@parley/contracts';
import { startTwilioEmulator, TwilioEmulator } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { api, login, RunningApp, startApp } from './harness';

/**
 * Parley behind a proxy at PUBLIC_URL (a host that does not resolve here), the Twilio emulator
 * reaching it the way Twilio would, and one SMS and one WhatsApp inbox created through the API
 * with the emulator as their `apiBaseUrl`: every call goes through the real twilio SDK.
 */
export const PUBLIC_URL = 'https://parley.example.test';
export const SMS_NUMBER = '+15005550006';
export const WHATSAPP_NUMBER = 'whatsapp:+14155238886';
export const SHIPPED_TEMPLATE = { id: 'HX11111111111111111111111111111111', name: 'Order shipped', variables: ['1', '2'], body: 'Hi {{1}}, order {{2}} is on its way.' };

export interface TwilioSuite {
  app: RunningApp;
  url: string;
  token: string;
  emulator: TwilioEmulator;
  account: { accountSid: string; authToken: string };
  sms: InboxDto;
  whatsapp: InboxDto;
}

export function useTwilioSuite(): TwilioSuite {
  const t = {} as TwilioSuite;
  beforeAll(async () => {
    t.app = await startApp(undefined, { publicUrl: PUBLIC_URL });
    t.url = t.app.url;
    t.token = (await login(t.url)).accessToken;
    t.emulator = await startTwilioEmulator({ host: '127.0.0.1', port: 0, parleyUrl: t.url, statusStepMs: 5 });
    t.account = t.emulator.addAccount();
    const inbox = async (name: string, channel: 'sms' | 'whatsapp', config: Record<string, unknown>) => {
      const res = await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name, channel, config: { ...t.account, apiBaseUrl: t.emulator.url, ...config } }, t.token);
      if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    t.sms = await inbox('SMS', 'sms', { from: SMS_NUMBER });
    t.whatsapp = await inbox('WhatsApp', 'whatsapp', { from: WHATSAPP_NUMBER, templates: [SHIPPED_TEMPLATE] });
  });
  afterAll(async () => {
    await t.emulator?.close();
    await t.app?.close();
  });
  return t;
}

/** Polls until `probe` gives something truthy (the inbound and delivery queues run on their own). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function conversationsOf(t: TwilioSuite, inbox: InboxDto): Promise<ConversationDto[]> {
  return (await api<Page<ConversationDto>>(t.url, 'GET', `/api/conversations?inboxId=${inbox.id}&limit=100`, undefined, t.token)).body.items;
}

/** Oldest first. */
export async function messagesOf(t: TwilioSuite, conversationId: string): Promise<MessageDto[]> {
  return (await api<Page<MessageDto>>(t.url, 'GET', `/api/conversations/${conversationId}/messages?limit=200`, undefined, t.token)).body.items.reverse();
}

/** The stored message with this content in this inbox, once the inbound queue has stored it. */
export function inboundMessage(t: TwilioSuite, inbox: InboxDto, content: string): Promise<MessageDto> {
  return eventually(async () => {
    for (const c of await conversationsOf(t, inbox)) {
      const found = (await messagesOf(t, c.id)).find((m) => m.direction === 'inbound' && m.content === content);
      if (found) return found;
    }
    return null;
  }, `inbound "${content}"`);
}

export async function customer(t: TwilioSuite, id: string): Promise<CustomerDto> {
  return (await api<CustomerDto>(t.url, 'GET', `/api/customers/${id}`, undefined, t.token)).body;
}

export function reply(t: TwilioSuite, conversationId: string, body: Record<string, unknown>) {
  return api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);
}

/** The message once its delivery status satisfies `done`. */
export function deliveryOf(t: TwilioSuite, message: MessageDto, done: (m: MessageDto) => boolean): Promise<MessageDto> {
  return eventually(async () => (await messagesOf(t, message.conversationId)).find((m) => m.id === message.id && done(m)), `delivery of ${message.id}`);
}
