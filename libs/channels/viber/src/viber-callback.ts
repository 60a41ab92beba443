import { createHmac, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { DeliveryStatusUpdate, InboundMessage, MediaReference } from '@parley/channels-core';
import { MESSAGE_TOKEN } from './viber-api';
import { pressedButton } from './viber-keyboard';

// The callbacks of https://developers.viber.com/docs/api/rest-bot-api/#callbacks this channel reads.
// They are untrusted JSON until checked here, so every field is optional beyond what is verified.
export interface ViberUser {
  id: string;
  name?: string;
  avatar?: string;
  country?: string;
  language?: string;
  api_version?: number;
}

export interface ViberMessage {
  type: string;
  text?: string;
  media?: string;
  thumbnail?: string;
  file_name?: string;
  size?: number;
  duration?: number;
  sticker_id?: number;
  location?: { lat: number; lon: number };
  contact?: { name?: string; phone_number?: string; avatar?: string };
  tracking_data?: string;
}

export interface ViberCallback {
  event: string;
  timestamp?: number;
  message_token?: number | string;
  sender?: ViberUser;
  user?: ViberUser;
  user_id?: string;
  message?: ViberMessage;
  desc?: string;
  subscribed?: boolean;
  context?: string;
}

/** Events that report on a message we sent: the way of `parseStatus`. */
export const STATUS_EVENTS = new Set(['delivered', 'seen', 'failed']);
/** What set_webhook subscribes to (`webhook`, `message` and these always come). */
export const EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] as const;

/** X-Viber-Content-Signature: hex HMAC-SHA256 of the raw body with the bot's token. */
export function signatureValid(rawBody: Buffer | undefined, signature: string | undefined, authToken: string): boolean {
  if (!rawBody || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', authToken).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** The callback, checked to be one (an object with an event name). */
export function readCallback(body: unknown): ViberCallback {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('a Viber callback must be a JSON object');
  const callback = body as ViberCallback;
  if (typeof callback.event !== 'string' || !callback.event) throw new Error('event is required');
  return callback;
}

/**
 * message_token as Viber wrote it: a 64-bit number JSON.parse would round (so two messages could
 * share one key), read from the raw body; callbacks carry it once, at the top level.
 */
export function tokenOf(callback: ViberCallback, rawBody: Buffer | undefined): string {
  const raw = rawBody ? MESSAGE_TOKEN.exec(rawBody.toString('utf8'))?.[1] : undefined;
  const token = raw ?? (callback.message_token != null ? String(callback.message_token) : '');
  if (!/^\d{1,20}$/.test(token)) throw new Error('message_token is required');
  return token;
}

export function statusOf(callback: ViberCallback, rawBody: Buffer | undefined): DeliveryStatusUpdate[] {
  const providerMessageId = tokenOf(callback, rawBody);
  if (callback.event === 'delivered') return [{ providerMessageId, status: 'delivered' }];
  if (callback.event === 'seen') return [{ providerMessageId, status: 'read' }];
  if (callback.event === 'failed') {
    return [{ providerMessageId, status: 'failed', errorCode: 'failed', errorMessage: `Viber could not deliver the message${callback.desc ? `: ${String(callback.desc).slice(0, 300)}` : ''}` }];
  }
  return [];
}

/** The deep link's `context` kept (viber://pa?chatURI=…&context=…): where the customer came from. */
export const MAX_CONTEXT = 200;

/**
 * A callback → what an inbox stores of it: a message; or, for subscribed, unsubscribed and a
 * conversation_started that carries a deep link's context, an identity-only update (no message, no
 * conversation: the help desk shows no empty message). Null for what an inbox does not store (the
 * webhook check, a chat opened without a context, events Viber adds later).
 */
export function inboundOf(callback: ViberCallback, rawBody: Buffer | undefined, inboxId: string): InboundMessage | null {
  if (callback.event === 'message') return messageOf(callback, rawBody, inboxId);
  const at = timeOf(callback);
  // The event's own time, not ours: a redelivered callback changes nothing.
  const when = (at ?? new Date()).toISOString();
  const update = (user: ViberUser, identityUpdate: NonNullable<InboundMessage['identityUpdate']>, customerFill?: InboundMessage['customerFill']): InboundMessage => ({
    inboxId, channel: 'viber', providerMessageId: tokenOf(callback, rawBody), sender: senderOf(user), content: '', occurredAt: at,
    identityOnly: true, identityUpdate, ...(customerFill ? { customerFill } : {}),
  });
  switch (callback.event) {
    case 'subscribed': {
      const user = checkUser(callback.user);
      return update(user, { optedOut: false, metadata: { subscribedAt: when, ...profileOf(user) } }, fillOf(user));
    }
    case 'unsubscribed':
      return update({ id: checkId(callback.user_id) }, { optedOut: true, metadata: { optedOutAt: when } });
    case 'conversation_started': {
      const context = typeof callback.context === 'string' ? callback.context.trim().slice(0, MAX_CONTEXT) : '';
      if (!context) return null;
      // Opening the chat is no subscription: the opt-out stays as it was.
      const user = checkUser(callback.user);
      const fill = fillOf(user);
      return update(user, { metadata: { context, contextAt: when, ...profileOf(user) } }, { ...fill, attributes: { ...fill.attributes, viberContext: context } });
    }
    default:
      return null;
  }
}

/** What a Viber profile fills on the customer: their name, and the language of their phone. */
function fillOf(user: ViberUser): NonNullable<InboundMessage['customerFill']> {
  const language = typeof user.language === 'string' ? /^([a-z]{2})(?:[-_]|$)/i.exec(user.language.trim())?.[1]?.toLowerCase() : undefined;
  return { name: user.name?.trim() || null, ...(language ? { attributes: { language } } : {}) };
}

function messageOf(callback: ViberCallback, rawBody: Buffer | undefined, inboxId: string): InboundMessage {
  const sender = checkUser(callback.sender);
  const message = callback.message;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') throw new Error('message.type is required');
  const read = readContent(message);
  const pressed = message.type === 'text' ? pressedButton(message.tracking_data, message.text) : null;
  const inbound: InboundMessage = {
    inboxId,
    channel: 'viber',
    providerMessageId: tokenOf(callback, rawBody),
    sender: senderOf(sender),
    content: read.content,
    occurredAt: timeOf(callback),
    metadata: { viberType: message.type, ...read.metadata, ...(pressed ? { callbackData: pressed } : {}), ...(read.media.length ? { mediaPending: read.media.length } : {}) },
    ...(read.media.length ? { media: read.media } : {}),
    // Writing to a bot subscribes to it: whoever writes can be answered again.
    identityUpdate: { optedOut: false, metadata: profileOf(sender) },
    customerFill: fillOf(sender),
  };
  // Viber's "share phone" button answers with a contact card of the sender's own profile (their name
  // and picture); any other card is someone else's number and proves nothing about the sender.
  const contact = message.contact;
  const phone = message.type === 'contact' ? toE164(contact?.phone_number) : null;
  if (phone && contact && ownCard(contact, sender)) {
    inbound.verifiedPhone = phone;
    inbound.sender.phone = phone;
    inbound.customerFill!.phone = phone;
  }
  return inbound;
}

function readContent(m: ViberMessage): { content: string; media: MediaReference[]; metadata: Record<string, unknown> } {
  const text = typeof m.text === 'string' ? m.text : '';
  const media = (contentType: string, fileName?: string | null): MediaReference[] =>
    typeof m.media === 'string' && /^https?:\/\//i.test(m.media) ? [{ url: m.media, contentType, fileName: fileName ?? null }] : [];
  switch (m.type) {
    case 'text':
      return { content: text, media: [], metadata: {} };
    case 'picture':
      return { content: text, media: media('image/jpeg', m.file_name), metadata: {} };
    case 'video':
      return { content: text, media: media('video/mp4', m.file_name), metadata: { ...(m.duration ? { duration: m.duration } : {}) } };
    case 'file':
      return { content: text, media: media(contentTypeOf(m.file_name), typeof m.file_name === 'string' ? m.file_name.slice(0, 255) : 'file'), metadata: {} };
    case 'sticker':
      return { content: '', media: media('image/png', `sticker-${m.sticker_id ?? ''}.png`), metadata: { media: 'sticker', stickerId: m.sticker_id ?? null } };
    case 'url':
      return { content: typeof m.media === 'string' ? m.media : text, media: [], metadata: {} };
    case 'location': {
      const lat = Number(m.location?.lat);
      const lon = Number(m.location?.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new Error('location needs lat and lon');
      return { content: `📍 ${lat}, ${lon}`, media: [], metadata: { location: { latitude: lat, longitude: lon } } };
    }
    case 'contact': {
      const phone = toE164(m.contact?.phone_number) ?? String(m.contact?.phone_number ?? '');
      const name = typeof m.contact?.name === 'string' ? m.contact.name.trim() : '';
      return { content: `📞 ${phone}${name ? ` (${name})` : ''}`, media: [], metadata: { contact: { phone, name: name || null } } };
    }
    default:
      return { content: text || `[${m.type.slice(0, 40)}]`, media: [], metadata: { unsupported: m.type.slice(0, 40) } };
  }
}

function ownCard(contact: NonNullable<ViberMessage['contact']>, sender: ViberUser): boolean {
  const same = (a?: string, b?: string) => (a ?? '').trim() === (b ?? '').trim();
  return !!sender.name?.trim() && same(contact.name, sender.name) && (!contact.avatar || same(contact.avatar, sender.avatar));
}

function checkUser(user: ViberUser | undefined): ViberUser {
  if (!user || typeof user !== 'object') throw new Error('the callback names no user');
  checkId(user.id);
  return user;
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || !id.trim()) throw new Error('the user id is missing');
  return id;
}

function senderOf(user: ViberUser): InboundMessage['sender'] {
  return { externalId: user.id, displayName: typeof user.name === 'string' && user.name.trim() ? user.name.trim() : null };
}

function profileOf(user: ViberUser): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof user.language === 'string') out.languageCode = user.language.slice(0, 16);
  if (typeof user.country === 'string') out.country = user.country.slice(0, 8);
  if (typeof user.api_version === 'number') out.apiVersion = user.api_version;
  // Kept, not shown: the console draws initials, and loads no picture from elsewhere.
  if (typeof user.avatar === 'string' && /^https:\/\//i.test(user.avatar) && user.avatar.length <= 1000) out.avatar = user.avatar;
  return out;
}

function timeOf(callback: ViberCallback): Date | undefined {
  const at = Number(callback.timestamp);
  return Number.isFinite(at) && at > 0 ? new Date(at) : undefined;
}

const TYPES: Record<string, string> = { pdf: 'application/pdf', txt: 'text/plain', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip', mp3: 'audio/mpeg', mp4: 'video/mp4' };

function contentTypeOf(fileName: unknown): string {
  const ext = typeof fileName === 'string' ? /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() : undefined;
  return (ext && TYPES[ext]) || 'application/octet-stream';
}

/** Viber sends numbers as digits, with or without "+": E.164 or null. */
export function toE164(raw: unknown): string | null {
  if (typeof raw !== 'string' || !/\d/.test(raw)) return null;
  const trimmed = raw.trim();
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${trimmed.replace(/^00/, '')}`);
  return parsed?.isValid() ? parsed.number : null;
}
