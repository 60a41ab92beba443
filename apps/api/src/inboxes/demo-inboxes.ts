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
}

/**
 * The Twilio emulator takes any well-formed account on first use; these are the demo's.
 * The numbers are Twilio's test sender (+15005550006) and WhatsApp sandbox (+14155238886).
 */
/** The shop the demo plays: surveys and replies are signed with it, never with "Parley". */
export const DEMO_BRAND = 'Demo Shop';

const DEMO_TWILIO = { brandName: DEMO_BRAND, accountSid: 'AC00000000000000000000000000000de0', authToken: 'parley-demo-twilio-auth-token' };

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
    // The VK emulator makes a community for any well-formed token; its Callback API calls PUBLIC_URL.
    id: '00000000-0000-7000-8000-000000000341',
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
];

export function demoEmulators(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  try {
    return env.PARLEY_DEMO_EMULATORS ? JSON.parse(env.PARLEY_DEMO_EMULATORS) : {};
  } catch {
    return {};
  }
}
