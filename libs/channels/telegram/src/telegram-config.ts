import { isHttpUrl } from '@parley/channels-core';

/** A Telegram inbox's settings (CONTRACT.md: `{"botToken","secretToken","mode","apiBaseUrl"?,"maxConnections"?}`). */
export interface TelegramConfig {
  botToken: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token on every webhook call. */
  secretToken: string | null;
  mode: 'webhook' | 'polling';
  /** A local Bot API server or the emulator; Telegram's own when unset. */
  apiBaseUrl: string | null;
  /**
   * setWebhook's `max_connections`: how many webhook requests Telegram keeps open at once (1-100).
   * Parley stores each update before answering and one chat's next update waits for that answer, so
   * more connections is more throughput; lower it only to shield a small server.
   */
  maxConnections: number;
}

/** Telegram's ceiling, not its default of 40: a busy support bot needs the parallelism (see maxConnections). */
export const TELEGRAM_MAX_CONNECTIONS = 100;

export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** https://core.telegram.org/bots/api#setwebhook: 1-256 characters, A-Z a-z 0-9 _ - only. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** Reads and checks the settings; the error messages are shown to the admin as they are. */
export function readTelegramConfig(config: Record<string, unknown>): TelegramConfig {
  const { botToken, secretToken, mode = 'webhook', apiBaseUrl, maxConnections = TELEGRAM_MAX_CONNECTIONS } = config ?? {};
  if (typeof botToken !== 'string' || !botToken.trim()) throw new Error('botToken is required (the token @BotFather gave you)');
  if (mode !== 'webhook' && mode !== 'polling') throw new Error('mode must be "webhook" or "polling"');
  if (secretToken != null && (typeof secretToken !== 'string' || !SECRET_TOKEN.test(secretToken))) {
    throw new Error('secretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
  }
  if (!Number.isInteger(maxConnections) || (maxConnections as number) < 1 || (maxConnections as number) > TELEGRAM_MAX_CONNECTIONS) {
    throw new Error(`maxConnections must be a whole number from 1 to ${TELEGRAM_MAX_CONNECTIONS}`);
  }
  if (apiBaseUrl != null && apiBaseUrl !== '' && !isHttpUrl(apiBaseUrl)) throw new Error('apiBaseUrl must be an http(s) URL');
  return {
    botToken: botToken.trim(),
    secretToken: typeof secretToken === 'string' ? secretToken : null,
    mode,
    apiBaseUrl: typeof apiBaseUrl === 'string' && apiBaseUrl ? apiBaseUrl.replace(/\/+$/, '') : null,
    maxConnections: maxConnections as number,
  };
}
