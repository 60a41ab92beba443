import type { Channel } from '@parley/contracts';

/** The channels an admin may create an inbox on: those whose adapter this build carries. */
export const CHANNELS: readonly Channel[] = ['webchat', 'email', 'sms', 'whatsapp', 'telegram', 'viber', 'vk', 'messenger', 'instagram'];

export interface ConfigField {
  /** Dotted path into the config object, e.g. "smtp.host". */
  path: string;
  kind: 'text' | 'secret' | 'number' | 'boolean' | 'select';
  required?: boolean;
  options?: readonly string[];
  placeholder?: string;
  defaultValue?: string;
}

/** Who surveys speak for (the shop, never "Parley"): every channel may name it. */
const BRAND: ConfigField = { path: 'brandName', kind: 'text', placeholder: 'Demo Shop' };
/** Where a phone written without +country belongs (agents' "8 916 …", SMS senders). */
const PHONE_REGION: ConfigField = { path: 'phoneRegion', kind: 'text', placeholder: 'RU' };

// The config shapes of docs/CONTRACT.md, one list per channel.
export const CHANNEL_CONFIG_FIELDS: Record<Channel, readonly ConfigField[]> = {
  webchat: [BRAND],
  sms: [
    { path: 'accountSid', kind: 'text', required: true, placeholder: 'AC…' },
    { path: 'authToken', kind: 'secret', required: true },
    { path: 'from', kind: 'text', required: true, placeholder: '+15550001111' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://api.twilio.com' },
    BRAND,
    PHONE_REGION,
  ],
  whatsapp: [
    { path: 'accountSid', kind: 'text', required: true, placeholder: 'AC…' },
    { path: 'authToken', kind: 'secret', required: true },
    { path: 'from', kind: 'text', required: true, placeholder: 'whatsapp:+15550001111' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://api.twilio.com' },
    BRAND,
    PHONE_REGION,
  ],
  telegram: [
    { path: 'botToken', kind: 'secret', required: true },
    { path: 'secretToken', kind: 'secret', required: true },
    { path: 'mode', kind: 'select', options: ['webhook', 'polling'], defaultValue: 'webhook' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://api.telegram.org' },
    BRAND,
  ],
  email: [
    { path: 'address', kind: 'text', required: true, placeholder: 'support@example.com' },
    { path: 'smtp.host', kind: 'text', required: true, placeholder: 'smtp.example.com' },
    { path: 'smtp.port', kind: 'number', required: true, defaultValue: '587' },
    { path: 'smtp.secure', kind: 'boolean', defaultValue: 'false' },
    { path: 'smtp.user', kind: 'text' },
    { path: 'smtp.pass', kind: 'secret' },
    { path: 'imap.host', kind: 'text', placeholder: 'imap.example.com' },
    { path: 'imap.port', kind: 'number', defaultValue: '993' },
    { path: 'imap.secure', kind: 'boolean', defaultValue: 'true' },
    { path: 'imap.user', kind: 'text' },
    { path: 'imap.pass', kind: 'secret' },
    { path: 'imap.mailbox', kind: 'text', placeholder: 'INBOX' },
    { path: 'fromName', kind: 'text', placeholder: 'Shop support' },
    { path: 'signature', kind: 'text', placeholder: '{agent}, Shop support' },
    BRAND,
  ],
  viber: [
    { path: 'authToken', kind: 'secret', required: true },
    { path: 'senderName', kind: 'text', placeholder: 'Demo Shop' },
    { path: 'welcomeMessage.en', kind: 'text', placeholder: 'Hello! Write your question and we will answer here.' },
    { path: 'welcomeMessage.ru', kind: 'text', placeholder: 'Здравствуйте! Напишите свой вопрос — мы ответим здесь.' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://chatapi.viber.com/pa' },
    BRAND,
  ],
  vk: [
    { path: 'accessToken', kind: 'secret', required: true },
    { path: 'mode', kind: 'select', options: ['callback', 'longpoll'], defaultValue: 'callback' },
    { path: 'groupId', kind: 'text', placeholder: '123456789' },
    { path: 'confirmationCode', kind: 'text' },
    { path: 'secretKey', kind: 'secret' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://api.vk.com/method' },
    BRAND,
  ],
  messenger: [
    { path: 'pageId', kind: 'text', required: true, placeholder: '100000000000001' },
    { path: 'pageAccessToken', kind: 'secret', required: true },
    { path: 'appSecret', kind: 'secret', required: true },
    { path: 'verifyToken', kind: 'text' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://graph.facebook.com' },
    { path: 'apiVersion', kind: 'text', placeholder: 'v21.0' },
    BRAND,
  ],
  instagram: [
    { path: 'pageId', kind: 'text', required: true, placeholder: '100000000000001' },
    { path: 'instagramAccountId', kind: 'text', required: true, placeholder: '178400000000001' },
    { path: 'pageAccessToken', kind: 'secret', required: true },
    { path: 'appSecret', kind: 'secret', required: true },
    { path: 'verifyToken', kind: 'text' },
    { path: 'apiBaseUrl', kind: 'text', placeholder: 'https://graph.facebook.com' },
    { path: 'apiVersion', kind: 'text', placeholder: 'v21.0' },
    BRAND,
  ],
};

export function defaultConfigValues(channel: Channel): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of CHANNEL_CONFIG_FIELDS[channel]) values[field.path] = field.defaultValue ?? '';
  return values;
}

/**
 * Turns the flat form into the nested config the api expects. Blank optional fields are left out;
 * the IMAP block is only sent when its host is filled in, since IMAP polling is optional.
 */
export function buildInboxConfig(channel: Channel, values: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const imapEnabled = Boolean(values['imap.host']?.trim());
  for (const field of CHANNEL_CONFIG_FIELDS[channel]) {
    if (field.path.startsWith('imap.') && !imapEnabled) continue;
    const raw = (values[field.path] ?? '').trim();
    if (raw === '' && field.kind !== 'boolean') continue;
    const value = field.kind === 'number' ? Number(raw) : field.kind === 'boolean' ? raw === 'true' : raw;
    setPath(config, field.path, value);
  }
  return config;
}

/**
 * The names of required fields still blank (IMAP ones only once IMAP is being set up). A secret
 * the inbox already has (`keptSecrets`) may stay blank: the api keeps the stored one.
 */
export function missingConfigFields(channel: Channel, values: Record<string, string>, keptSecrets: readonly string[] = []): string[] {
  const imapEnabled = Boolean(values['imap.host']?.trim());
  return CHANNEL_CONFIG_FIELDS[channel]
    .filter((f) => f.required || (imapEnabled && f.path.startsWith('imap.') && f.path !== 'imap.mailbox'))
    .filter((f) => f.kind !== 'boolean' && !(values[f.path] ?? '').trim())
    .filter((f) => !(f.kind === 'secret' && keptSecrets.includes(f.path)))
    .map((f) => f.path);
}

/**
 * The form's values for an existing inbox. Secrets come from the api masked and are never put back
 * in the form: their fields start blank ("leave blank to keep").
 */
export function configValuesOf(channel: Channel, config: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of CHANNEL_CONFIG_FIELDS[channel]) {
    const stored = getPath(config, field.path);
    if (field.kind === 'secret') values[field.path] = '';
    else if (field.kind === 'boolean') values[field.path] = typeof stored === 'boolean' ? String(stored) : (field.defaultValue ?? 'false');
    else values[field.path] = typeof stored === 'string' || typeof stored === 'number' ? String(stored) : (field.defaultValue ?? '');
  }
  return values;
}

/** The secret fields this inbox has a value for (the api returns them masked, "••••"). */
export function storedSecrets(channel: Channel, config: Record<string, unknown>): string[] {
  return CHANNEL_CONFIG_FIELDS[channel]
    .filter((f) => f.kind === 'secret')
    .filter((f) => {
      const stored = getPath(config, f.path);
      return typeof stored === 'string' && stored !== '';
    })
    .map((f) => f.path);
}

/**
 * The `PATCH /api/inboxes/:id` config for an edited form. The api merges it into the stored one:
 * a blank secret is left out (kept), a cleared optional field is sent as null (removed), and so is
 * the IMAP block once its host is cleared.
 */
export function buildInboxConfigPatch(channel: Channel, values: Record<string, string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const imapEnabled = Boolean(values['imap.host']?.trim());
  for (const field of CHANNEL_CONFIG_FIELDS[channel]) {
    if (field.path.startsWith('imap.') && !imapEnabled) continue;
    const raw = (values[field.path] ?? '').trim();
    if (raw === '' && field.kind === 'secret') continue;
    const value =
      raw === '' && field.kind !== 'boolean' ? null : field.kind === 'number' ? Number(raw) : field.kind === 'boolean' ? raw === 'true' : raw;
    setPath(patch, field.path, value);
  }
  if (!imapEnabled && CHANNEL_CONFIG_FIELDS[channel].some((f) => f.path.startsWith('imap.'))) patch.imap = null;
  return patch;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

export function embedSnippet(origin: string, websiteToken: string): string {
  const base = origin.replace(/\/+$/, '');
  const token = websiteToken.replace(/[^A-Za-z0-9_\-.:]/g, '');
  return `<script src="${base}/widget.js" data-website-token="${token}" async></script>`;
}
