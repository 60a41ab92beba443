import type { Channel } from '@parley/contracts';
import { toE164, whatsappAddress } from './phone-number';

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** An approved WhatsApp template (a Twilio Content API item), as configured on the inbox. */
export interface WhatsAppTemplate {
  /** The ContentSid (HX…). */
  id: string;
  name: string;
  /** Its placeholder keys, in order: ["1", "2"] for "Hi {{1}}, order {{2}} has shipped". */
  variables: string[];
  /** The approved text, for the console's preview and the message stored in Parley. */
  body?: string;
}

/** What an sms or whatsapp inbox's config holds (CONTRACT.md: accountSid, authToken, from, apiBaseUrl?). */
export interface TwilioInboxConfig {
  accountSid: string;
  authToken: string;
  /** `+15550001111` for SMS, `whatsapp:+15550001111` for WhatsApp. */
  from: string;
  apiBaseUrl: string;
  templates: WhatsAppTemplate[];
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/** Reads a stored config; throws with the reason when it is incomplete. */
export function readTwilioConfig(raw: Record<string, unknown>, channel: Channel): TwilioInboxConfig {
  const text = (key: string) => (typeof raw?.[key] === 'string' ? (raw[key] as string).trim() : '');
  const accountSid = text('accountSid');
  const authToken = text('authToken');
  const from = text('from');
  if (!accountSid || !authToken || !from) throw new Error('accountSid, authToken and from are required');
  return {
    accountSid,
    authToken,
    from: channel === 'whatsapp' ? whatsappAddress(from) : from,
    apiBaseUrl: (text('apiBaseUrl') || TWILIO_API_BASE_URL).replace(/\/+$/, ''),
    templates: Array.isArray(raw.templates) ? (raw.templates as WhatsAppTemplate[]) : [],
  };
}

/**
 * Checks the settings an admin gave and puts them in canonical form: `from` in E.164 (with the
 * `whatsapp:` prefix on a WhatsApp inbox), templates well formed. Throws a sentence for the admin.
 */
export function normalizeTwilioConfig(raw: Record<string, unknown>, channel: Channel, defaultRegion: string | null): Record<string, unknown> {
  const config = readTwilioConfig(raw, channel);
  if (!ACCOUNT_SID.test(config.accountSid)) throw new Error('accountSid must be AC followed by 32 hex characters, as in the Twilio console');
  const number = toE164(config.from, defaultRegion);
  if (!number) throw new Error(`from must be a phone number (${String(raw.from)} is not)`);
  let apiBaseUrl: URL;
  try {
    apiBaseUrl = new URL(config.apiBaseUrl);
  } catch {
    throw new Error('apiBaseUrl must be a URL');
  }
  if (!/^https?:$/.test(apiBaseUrl.protocol)) throw new Error('apiBaseUrl must be an http(s) URL');
  const out: Record<string, unknown> = { ...raw, accountSid: config.accountSid, authToken: config.authToken, from: channel === 'whatsapp' ? whatsappAddress(number) : number };
  if (raw.templates !== undefined) out.templates = normalizeTemplates(raw.templates);
  return out;
}

function normalizeTemplates(raw: unknown): WhatsAppTemplate[] {
  if (!Array.isArray(raw)) throw new Error('templates must be a list of {id, name, variables}');
  return raw.map((t, i) => {
    const item = (t ?? {}) as Record<string, unknown>;
    const id = typeof item.id === 'string' ? item.id.trim() : '';
    if (!CONTENT_SID.test(id)) throw new Error(`templates[${i}].id must be a Twilio ContentSid (HX followed by 32 hex characters)`);
    const name = typeof item.name === 'string' && item.name.trim() ? item.name.trim() : id;
    const variables = item.variables === undefined ? [] : item.variables;
    if (!Array.isArray(variables) || !variables.every((v) => typeof v === 'string' || typeof v === 'number')) {
      throw new Error(`templates[${i}].variables must be a list of placeholder keys such as ["1", "2"]`);
    }
    return {
      id,
      name,
      variables: variables.map(String),
      ...(typeof item.body === 'string' && item.body.trim() ? { body: item.body } : {}),
    };
  });
}

/** The reply's `{template: {id, variables}}`, if it has a usable one. */
export function templateOf(metadata: Record<string, unknown> | null | undefined): { id: string; variables: Record<string, string> } | null {
  const t = metadata?.template as { id?: unknown; variables?: unknown } | undefined;
  if (!t || typeof t.id !== 'string') return null;
  const variables: Record<string, string> = {};
  if (t.variables && typeof t.variables === 'object') {
    for (const [k, v] of Object.entries(t.variables as Record<string, unknown>)) variables[k] = String(v ?? '');
  }
  return { id: t.id, variables };
}

/** Why this template cannot be sent from this inbox, or null. */
export function templateProblem(template: { id: string; variables: Record<string, string> }, templates: WhatsAppTemplate[]): string | null {
  const known = templates.find((t) => t.id === template.id);
  if (templates.length > 0 && !known) return `Unknown template ${template.id}: pick one of this inbox's approved templates`;
  if (!known && !CONTENT_SID.test(template.id)) return 'A template id must be a Twilio ContentSid (HX…)';
  const missing = (known?.variables ?? []).filter((key) => !template.variables[key]?.trim());
  if (missing.length) return `Fill in the template variables: ${missing.map((k) => `{{${k}}}`).join(', ')}`;
  return null;
}
