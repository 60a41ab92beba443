import type { Channel } from '@parley/contracts';

/**
 * Inboxes `npm start` creates in demo mode, pointed at the channel emulators it runs beside the
 * api (PARLEY_DEMO_EMULATORS = {"twilio":"http://127.0.0.1:3210",…}). Fixed ids make seeding
 * idempotent across restarts and nodes. Each channel adds its entry.
 */
/** The /demo page's web chat inbox. A fixed id, so nodes starting together create one, not one each. */
export const DEMO_WEBCHAT_INBOX_ID = '00000000-0000-7000-8000-000000000001';

export interface DemoInbox {
  id: string;
  name: string;
  channel: Channel;
  /** Which emulator it needs (a key of PARLEY_DEMO_EMULATORS). */
  emulator: string;
  config(emulatorUrl: string, publicUrl: string): Record<string, unknown>;
  /**
   * Run once the inbox is saved: what an admin does at the provider afterwards (Meta: the app's
   * callback URL, set through the emulator's Graph API, which checks it with a hub.challenge).
   */
  connect?(inboxId: string, emulatorUrl: string, publicUrl: string): Promise<void>;
}

/**
 * The Twilio emulator takes any well-formed account on first use; these are the demo's.
 * The numbers are Twilio's test sender (+15005550006) and WhatsApp sandbox (+14155238886).
 */
/** The shop the demo plays: surveys and replies are signed with it, never with "Parley". */
export const DEMO_BRAND = 'Demo Shop';

const DEMO_TWILIO = { brandName: DEMO_BRAND, accountSid: 'AC00000000000000000000000000000de0', authToken: 'parley-demo-twilio-auth-token' };

/** The Meta emulator's demo app and Page (tools/emulators/src/meta/meta-emulator.ts, META_DEMO). */
const DEMO_META = {
  appId: '900000000000001',
  appSecret: 'parley-demo-meta-app-secret',
  pageId: '100000000000001',
  pageAccessToken: 'EAAParleyDemoPageAccessToken0001',
  instagramAccountId: '178400000000001',
  verifyToken: 'parley-demo-meta-verify-token',
};

function demoMeta(channel: 'messenger' | 'instagram', id: string): DemoInbox {
  return {
    id,
    name: channel === 'messenger' ? 'Demo Messenger' : 'Demo Instagram',
    channel,
    emulator: 'meta',
    config: (apiBaseUrl) => {
      const { appId: _app, ...settings } = DEMO_META;
      return { brandName: DEMO_BRAND, ...settings, apiBaseUrl };
    },
    connect: async (inboxId, emulatorUrl, publicUrl) => {
      const res = await fetch(`${emulatorUrl}/v21.0/${DEMO_META.appId}/subscriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_META.appId}|${DEMO_META.appSecret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ object: channel === 'messenger' ? 'page' : 'instagram', callback_url: `${publicUrl}/webhooks/meta/${inboxId}`, verify_token: DEMO_META.verifyToken }),
      });
      if (!res.ok) throw new Error(`the Meta emulator did not take the callback URL: ${(await res.text()).slice(0, 200)}`);
    },
  };
}

export const DEMO_INBOXES: DemoInbox[] = [
  {
    id: '00000000-0000-7000-8000-000000000311',
    name: 'Demo SMS',
    channel: 'sms',
    emulator: 'twilio',
    config: (apiBaseUrl) => ({ ...DEMO_TWILIO, from: '+15005550006', apiBaseUrl }),
  },
  {
    id: '00000000-0000-7000-8000-000000000312',
    name: 'Demo WhatsApp',
    channel: 'whatsapp',
    emulator: 'twilio',
    config: (apiBaseUrl) => ({
      ...DEMO_TWILIO,
      from: 'whatsapp:+14155238886',
      apiBaseUrl,
      templates: [
        { id: 'HX00000000000000000000000000000001', name: 'Order shipped', variables: ['1', '2'], body: 'Hi {{1}}, your order {{2}} is on its way.' },
        { id: 'HX00000000000000000000000000000002', name: 'Follow-up', variables: ['1'], body: 'Hello {{1}}, we have an update on your request. Reply to continue.' },
      ],
    }),
  },
  {
    // The Telegram emulator makes a bot for any well-formed token; it delivers to PUBLIC_URL.
    id: '00000000-0000-7000-8000-000000000321',
    name: 'Demo Telegram',
    channel: 'telegram',
    emulator: 'telegram',
    config: (apiBaseUrl) => ({ brandName: DEMO_BRAND, botToken: '1000000001:PARLEY_demo_telegram_bot_token_0001', mode: 'webhook', apiBaseUrl }),
  },
  {
    // The Viber emulator makes a bot for any well-formed token; set_webhook points it at PUBLIC_URL.
    id: '00000000-0000-7000-8000-000000000341',
    name: 'Demo Viber',
    channel: 'viber',
    emulator: 'viber',
    config: (apiBaseUrl) => ({ brandName: DEMO_BRAND, authToken: '4a1b7c2d9e3f5a6b-7c8d9e0f1a2b3c4d-demoviberbot0001', senderName: DEMO_BRAND, apiBaseUrl }),
  },
  {
    // The VK emulator makes a community for any well-formed token; its Callback API calls PUBLIC_URL.
    id: '00000000-0000-7000-8000-000000000361',
    name: 'Demo VK',
    channel: 'vk',
    emulator: 'vk',
    config: (emulatorUrl) => ({ brandName: DEMO_BRAND, accessToken: 'vk1.a.PARLEY_demo_vk_community_token_0001', mode: 'callback', apiBaseUrl: `${emulatorUrl}/method` }),
  },
  {
    // Replies go to the email emulator's SMTP sink (its URL carries the port: …/?smtp=2526);
    // customer mail comes in through Parley's own SMTP listener.
    id: '00000000-0000-7000-8000-000000000331',
    name: 'Demo email',
    channel: 'email',
    emulator: 'email',
    config: (emulatorUrl) => {
      const url = new URL(emulatorUrl);
      return {
        brandName: DEMO_BRAND,
        address: 'support@demo-shop.example',
        fromName: 'Demo Shop support',
        signature: '{agent}\nDemo Shop customer care',
        smtp: { host: url.hostname, port: Number(url.searchParams.get('smtp') ?? 2526), secure: false },
      };
    },
  },
  demoMeta('messenger', '00000000-0000-7000-8000-000000000351'),
  demoMeta('instagram', '00000000-0000-7000-8000-000000000352'),
];

export function demoEmulators(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  try {
    return env.PARLEY_DEMO_EMULATORS ? JSON.parse(env.PARLEY_DEMO_EMULATORS) : {};
  } catch {
    return {};
  }
}
