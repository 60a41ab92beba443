import { isHttpUrl } from '@parley/channels-core';

/**
 * A VK inbox's settings (CONTRACT.md): a community's messages, read through the Callback API
 * (`mode: "callback"`, VK calls our webhook) or the Bots Long Poll API (`mode: "longpoll"`, the
 * worker asks VK; no public URL needed).
 */
export interface VkConfig {
  /** The community's access token (Manage → API usage → Access tokens), with the messages, photos and docs rights. */
  accessToken: string;
  /** The community's id (positive); filled in by `configure` from groups.getById when not given. */
  groupId: number | null;
  /** Callback API: the secret VK puts in every event; the only proof an event is VK's. */
  secretKey: string | null;
  /** Callback API: the string our webhook answers VK's `confirmation` request with. */
  confirmationCode: string | null;
  mode: 'callback' | 'longpoll';
  /** The emulator (`http://127.0.0.1:3214/method`); VK's own `https://api.vk.com/method` when unset. */
  apiBaseUrl: string | null;
}

export const VK_API_BASE_URL = 'https://api.vk.com/method';
/** The Callback API / API version events and calls use (the object shapes read here are this version's). */
export const VK_API_VERSION = '5.199';

/** VK: "secret key" of a Callback API server, up to 50 letters and digits. */
const SECRET_KEY = /^[A-Za-z0-9]{1,50}$/;

/** Reads and checks the settings; the error messages are shown to the admin as they are. */
export function readVkConfig(config: Record<string, unknown>): VkConfig {
  const { accessToken, groupId, secretKey, confirmationCode, mode = 'callback', apiBaseUrl } = config ?? {};
  if (typeof accessToken !== 'string' || !accessToken.trim()) throw new Error('accessToken is required (the community access token from Manage → API usage)');
  if (mode !== 'callback' && mode !== 'longpoll') throw new Error('mode must be "callback" or "longpoll"');
  const group = groupId == null || groupId === '' ? null : Number(groupId);
  if (group !== null && (!Number.isSafeInteger(group) || group <= 0)) throw new Error('groupId must be the community id, a positive whole number');
  if (secretKey != null && secretKey !== '' && (typeof secretKey !== 'string' || !SECRET_KEY.test(secretKey))) {
    throw new Error('secretKey must be 1-50 letters and digits');
  }
  if (confirmationCode != null && (typeof confirmationCode !== 'string' || confirmationCode.length > 100)) throw new Error('confirmationCode must be text of at most 100 characters');
  if (apiBaseUrl != null && apiBaseUrl !== '' && !isHttpUrl(apiBaseUrl)) throw new Error('apiBaseUrl must be an http(s) URL');
  return {
    accessToken: accessToken.trim(),
    groupId: group,
    secretKey: typeof secretKey === 'string' && secretKey ? secretKey : null,
    confirmationCode: typeof confirmationCode === 'string' && confirmationCode ? confirmationCode : null,
    mode,
    apiBaseUrl: typeof apiBaseUrl === 'string' && apiBaseUrl ? apiBaseUrl.replace(/\/+$/, '') : null,
  };
}
