import { isHttpUrl } from '@parley/channels-core';

/**
 * A Viber inbox's settings (CONTRACT.md: `{"authToken","senderName"?,"senderAvatar"?,"welcomeMessage"?:{"en","ru"},"apiBaseUrl"?}`).
 * `configure` adds what get_account_info says about the bot (`botId`, `botName`, `botUri`).
 */
export interface ViberConfig {
  /** The bot's token ("app key"): the X-Viber-Auth-Token of every call and the key of callback signatures. */
  authToken: string;
  /** send_message's `sender.name` (Viber: at most 28 characters); the bot's own name when unset. */
  senderName: string;
  senderAvatar: string | null;
  /** The reply to `conversation_started`, in the customer's language; a default when unset. */
  welcomeMessage: { en: string | null; ru: string | null };
  /** Viber's REST API or the emulator, ending before the method name. */
  apiBaseUrl: string;
}

export const VIBER_API_ROOT = 'https://chatapi.viber.com/pa';
/** https://developers.viber.com/docs/api/rest-bot-api/#send-message: sender.name max 28 characters. */
export const MAX_SENDER_NAME = 28;

/** Reads and checks the settings; the error messages are shown to the admin as they are. */
export function readViberConfig(config: Record<string, unknown>): ViberConfig {
  const { authToken, senderName, senderAvatar, welcomeMessage, apiBaseUrl, botName, brandName } = config ?? {};
  if (typeof authToken !== 'string' || !authToken.trim()) throw new Error('authToken is required (the bot token from the Viber Admin Panel)');
  if (senderName != null && typeof senderName !== 'string') throw new Error('senderName must be text');
  if (typeof senderName === 'string' && [...senderName.trim()].length > MAX_SENDER_NAME) throw new Error(`senderName must be at most ${MAX_SENDER_NAME} characters (Viber's limit)`);
  if (senderAvatar != null && senderAvatar !== '' && !isHttpUrl(senderAvatar)) throw new Error('senderAvatar must be an http(s) URL');
  if (apiBaseUrl != null && apiBaseUrl !== '' && !isHttpUrl(apiBaseUrl)) throw new Error('apiBaseUrl must be an http(s) URL');
  const welcome = welcomeMessage && typeof welcomeMessage === 'object' ? (welcomeMessage as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 7000) : null);
  const name = [senderName, botName, brandName].map(text).find(Boolean) ?? 'Support';
  return {
    authToken: authToken.trim(),
    senderName: [...name].slice(0, MAX_SENDER_NAME).join(''),
    senderAvatar: typeof senderAvatar === 'string' && senderAvatar ? senderAvatar : null,
    welcomeMessage: { en: text(welcome.en), ru: text(welcome.ru) },
    apiBaseUrl: typeof apiBaseUrl === 'string' && apiBaseUrl ? apiBaseUrl.replace(/\/+$/, '') : VIBER_API_ROOT,
  };
}
