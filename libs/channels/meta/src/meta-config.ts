import { randomBytes } from 'node:crypto';
import { isHttpUrl } from '@parley/channels-core';

/**
 * A Messenger or Instagram inbox's settings (CONTRACT.md). Meta calls one webhook per app and object:
 * the inbox's `/webhooks/meta/:inboxId` is that app's callback URL, checked with `verifyToken` and
 * signed with `appSecret`; replies go through the Send API with the Page access token.
 */
export interface MetaConfig {
  /** The Facebook Page: the Send API's sender, and `entry[].id` of Messenger webhooks. */
  pageId: string;
  /** Instagram: the professional account linked to the Page (`entry[].id` of Instagram webhooks). */
  instagramAccountId: string | null;
  pageAccessToken: string;
  /** The Meta app's secret: X-Hub-Signature-256 is its HMAC of each webhook's body. */
  appSecret: string;
  /** Meta sends it back in `hub.verify_token` when it checks the callback URL. */
  verifyToken: string;
  /** Meta's Graph API, or the emulator. */
  apiBaseUrl: string;
  apiVersion: string;
}

export const GRAPH_API_ROOT = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v21.0';
const NUMERIC_ID = /^\d{1,30}$/;
const VERSION = /^v\d{1,2}\.\d$/;

/** Reads and checks the settings; the error messages are shown to the admin as they are. */
export function readMetaConfig(config: Record<string, unknown>, channel: 'messenger' | 'instagram'): MetaConfig {
  const c = config ?? {};
  const text = (key: string) => (typeof c[key] === 'string' ? (c[key] as string).trim() : c[key] == null ? '' : String(c[key]).trim());
  const pageId = text('pageId');
  if (!NUMERIC_ID.test(pageId)) throw new Error('pageId is required: the Facebook Page ID (digits, from the Page\'s About section)');
  const instagramAccountId = text('instagramAccountId') || null;
  if (channel === 'instagram' && !instagramAccountId) throw new Error('instagramAccountId is required: the Instagram professional account linked to the Page');
  if (instagramAccountId && !NUMERIC_ID.test(instagramAccountId)) throw new Error('instagramAccountId must be digits');
  const pageAccessToken = text('pageAccessToken');
  if (!pageAccessToken) throw new Error('pageAccessToken is required (a Page access token with pages_messaging)');
  const appSecret = text('appSecret');
  if (!appSecret) throw new Error('appSecret is required (App settings → Basic → App secret): it checks X-Hub-Signature-256');
  const verifyToken = text('verifyToken');
  if (!verifyToken) throw new Error('verifyToken is required');
  const apiVersion = text('apiVersion') || DEFAULT_GRAPH_VERSION;
  if (!VERSION.test(apiVersion)) throw new Error('apiVersion must look like v21.0');
  const base = text('apiBaseUrl') || GRAPH_API_ROOT;
  if (!isHttpUrl(base)) throw new Error('apiBaseUrl must be an http(s) URL');
  return { pageId, instagramAccountId, pageAccessToken, appSecret, verifyToken, apiBaseUrl: base.replace(/\/+$/, ''), apiVersion };
}

/** The settings to store: trimmed, with a verify token made up when the admin left it blank. */
export function normalizeMetaConfig(config: Record<string, unknown>, channel: 'messenger' | 'instagram'): Record<string, unknown> {
  const withToken = { ...config, verifyToken: typeof config.verifyToken === 'string' && config.verifyToken.trim() ? config.verifyToken.trim() : randomBytes(18).toString('base64url') };
  const read = readMetaConfig(withToken, channel);
  return {
    ...config,
    pageId: read.pageId,
    ...(read.instagramAccountId ? { instagramAccountId: read.instagramAccountId } : {}),
    pageAccessToken: read.pageAccessToken,
    appSecret: read.appSecret,
    verifyToken: read.verifyToken,
    ...(config.apiBaseUrl ? { apiBaseUrl: read.apiBaseUrl } : {}),
    ...(config.apiVersion ? { apiVersion: read.apiVersion } : {}),
  };
}
