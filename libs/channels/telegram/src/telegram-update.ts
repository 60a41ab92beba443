import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { InboundMessage } from '@parley/channels-core';

// The parts of https://core.telegram.org/bots/api#update this channel reads. Updates are untrusted
// JSON until checked here, so every field is optional beyond what readUpdate verifies.
export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

interface TgFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

interface TgInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: { id: number; type: string };
  date: number;
  text?: string;
  caption?: string;
  photo?: (TgFile & { width?: number; height?: number })[];
  document?: TgFile;
  voice?: TgFile;
  video_note?: TgFile;
  video?: TgFile;
  audio?: TgFile & { title?: string };
  animation?: TgFile;
  sticker?: TgFile & { emoji?: string; is_animated?: boolean; is_video?: boolean };
  location?: { latitude: number; longitude: number; live_period?: number };
  venue?: { location: { latitude: number; longitude: number }; title: string; address: string };
  contact?: { phone_number: string; first_name?: string; last_name?: string; user_id?: number };
  reply_to_message?: { message_id: number };
  media_group_id?: string;
  reply_markup?: { inline_keyboard?: TgInlineButton[][] };
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  data?: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
}

/** The updates an inbox subscribes to (setWebhook / getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/** A file the update carries, to fetch with getFile before the message is stored. */
export interface TgFileRef {
  fileId: string;
  contentType: string;
  fileName: string;
  size: number | null;
}

export interface ReadUpdate {
  inbound: InboundMessage;
  files: TgFileRef[];
  /** A pressed inline button: answered with answerCallbackQuery so the client stops its spinner. */
  callbackQueryId: string | null;
}

/** `<chat id>:<message id>`: a message's provider id, both directions (replies and edits find it). */
export const messageKey = (chatId: number | string, messageId: number | string): string => `${chatId}:${messageId}`;

/** The chat an update belongs to, for processing one chat's updates in order. */
export function chatOf(update: TgUpdate): string | null {
  const m = update.message ?? update.edited_message ?? update.callback_query?.message;
  return m?.chat?.id != null ? String(m.chat.id) : update.callback_query ? String(update.callback_query.from.id) : null;
}

/**
 * One Bot API update → the inbound message it means, or null for what an inbox ignores (groups,
 * channels, other bots, live-location moves, update kinds we did not subscribe to). Throws on a
 * payload that is not an update at all.
 */
export function readUpdate(body: unknown, inboxId: string): ReadUpdate | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('a Telegram update must be a JSON object');
  const update = body as TgUpdate;
  if (!Number.isSafeInteger(update.update_id)) throw new Error('update_id must be an integer');
  if (update.callback_query) return readCallback(update, update.callback_query, inboxId);
  const edited = update.edited_message;
  const message = update.message ?? edited;
  if (!message) return null;
  checkMessage(message);
  if (message.chat.type !== 'private' || !message.from || message.from.is_bot) return null;
  // A live location "edits" its message every few seconds: not an edit anyone wrote.
  if (edited && (edited.location || edited.venue)) return null;

  const read = readContent(message);
  const inbound: InboundMessage = {
    inboxId,
    channel: 'telegram',
    providerMessageId: edited ? `edit:${update.update_id}` : messageKey(message.chat.id, message.message_id),
    sender: senderOf(message.from),
    content: read.content,
    metadata: {
      chatId: message.chat.id,
      messageId: message.message_id,
      updateId: update.update_id,
      date: message.date,
      ...(message.reply_to_message ? { replyTo: message.reply_to_message.message_id } : {}),
      ...(message.media_group_id ? { mediaGroupId: message.media_group_id } : {}),
      ...read.metadata,
    },
    identityUpdate: identityUpdateOf(message.from, message.chat.id),
    customerFill: { name: displayName(message.from) },
  };
  if (edited) return { inbound: { ...inbound, edits: messageKey(message.chat.id, message.message_id) }, files: [], callbackQueryId: null };
  if (message.reply_to_message) inbound.threadKeys = [messageKey(message.chat.id, message.reply_to_message.message_id)];

  const start = /^\/start(?:@\w+)?(?:\s+(\S{1,64}))?\s*$/.exec(message.text ?? '');
  if (start?.[1]) {
    inbound.metadata!.startPayload = start[1];
    inbound.identityUpdate!.metadata!.startPayload = start[1];
    inbound.customerFill!.attributes = { telegramStartPayload: start[1] };
  }
  const contact = message.contact;
  const phone = contact ? toE164(contact.phone_number) : null;
  // Only the sender's own number (shared with the "share my phone" button) says who they are;
  // a forwarded contact card is someone else.
  if (phone && contact?.user_id === message.from.id) {
    inbound.verifiedPhone = phone;
    inbound.sender.phone = phone;
    inbound.customerFill!.phone = phone;
  }
  return { inbound, files: read.files, callbackQueryId: null };
}

function readCallback(update: TgUpdate, query: TgCallbackQuery, inboxId: string): ReadUpdate | null {
  if (typeof query.id !== 'string' || !query.from || !Number.isSafeInteger(query.from.id)) throw new Error('callback_query needs an id and a sender');
  if (query.from.is_bot || (query.message && query.message.chat?.type !== 'private')) return null;
  const data = typeof query.data === 'string' ? query.data : '';
  const button = query.message?.reply_markup?.inline_keyboard?.flat().find((b) => b.callback_data === data);
  const chatId = query.message?.chat.id ?? query.from.id;
  return {
    inbound: {
      inboxId,
      channel: 'telegram',
      providerMessageId: `callback:${query.id}`,
      sender: senderOf(query.from),
      content: button?.text ?? data,
      metadata: {
        chatId,
        updateId: update.update_id,
        callbackData: data,
        callbackQueryId: query.id,
        ...(query.message ? { messageId: query.message.message_id } : {}),
      },
      // The button's message is ours: the press joins its conversation.
      threadKeys: query.message ? [messageKey(chatId, query.message.message_id)] : [],
      identityUpdate: identityUpdateOf(query.from, chatId),
      customerFill: { name: displayName(query.from) },
    },
    files: [],
    callbackQueryId: query.id,
  };
}

function checkMessage(m: TgMessage): void {
  if (!m || typeof m !== 'object' || !Number.isSafeInteger(m.message_id) || !m.chat || !Number.isSafeInteger(m.chat.id)) {
    throw new Error('a message needs message_id and chat.id');
  }
  if (m.from && !Number.isSafeInteger(m.from.id)) throw new Error('from.id must be an integer');
}

function readContent(m: TgMessage): { content: string; files: TgFileRef[]; metadata: Record<string, unknown> } {
  const caption = typeof m.caption === 'string' ? m.caption : '';
  if (typeof m.text === 'string') return { content: m.text, files: [], metadata: {} };
  const file = (f: TgFile | undefined, contentType: string, fileName: string): TgFileRef[] =>
    f?.file_id ? [{ fileId: f.file_id, contentType: f.mime_type || contentType, fileName: f.file_name || fileName, size: f.file_size ?? null }] : [];
  if (m.photo?.length) {
    // Sizes come smallest first; the last is the original.
    const largest = m.photo[m.photo.length - 1];
    return { content: caption, files: file({ ...largest, mime_type: undefined }, 'image/jpeg', `photo-${largest.file_unique_id ?? m.message_id}.jpg`), metadata: {} };
  }
  // A GIF carries both `animation` and `document`: the animation is the one to keep.
  if (m.animation) return { content: caption, files: file(m.animation, 'video/mp4', 'animation.mp4'), metadata: {} };
  if (m.document) return { content: caption, files: file(m.document, 'application/octet-stream', 'document'), metadata: {} };
  if (m.voice) return { content: caption, files: file(m.voice, 'audio/ogg', 'voice.ogg'), metadata: { media: 'voice' } };
  if (m.video_note) return { content: '', files: file(m.video_note, 'video/mp4', 'video-note.mp4'), metadata: { media: 'video_note' } };
  if (m.video) return { content: caption, files: file(m.video, 'video/mp4', 'video.mp4'), metadata: {} };
  if (m.audio) return { content: caption, files: file(m.audio, 'audio/mpeg', `${m.audio.title ?? 'audio'}.mp3`), metadata: {} };
  if (m.sticker) {
    const s = m.sticker;
    const [type, ext] = s.is_animated ? ['application/x-tgsticker', 'tgs'] : s.is_video ? ['video/webm', 'webm'] : ['image/webp', 'webp'];
    return { content: s.emoji ?? '', files: file({ ...s, mime_type: undefined }, type, `sticker.${ext}`), metadata: { media: 'sticker' } };
  }
  if (m.venue) {
    const { latitude, longitude } = m.venue.location;
    return { content: `📍 ${m.venue.title}, ${m.venue.address}`, files: [], metadata: { location: { latitude, longitude, title: m.venue.title, address: m.venue.address } } };
  }
  if (m.location) {
    const { latitude, longitude } = m.location;
    return { content: `📍 ${latitude}, ${longitude}`, files: [], metadata: { location: { latitude, longitude } } };
  }
  if (m.contact) {
    const phone = toE164(m.contact.phone_number) ?? m.contact.phone_number;
    const name = [m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ');
    return {
      content: `📞 ${phone}${name ? ` (${name})` : ''}`,
      files: [],
      metadata: { contact: { phone, firstName: m.contact.first_name ?? null, lastName: m.contact.last_name ?? null, userId: m.contact.user_id ?? null } },
    };
  }
  const kind = Object.keys(m).find((k) => !COMMON_FIELDS.has(k)) ?? 'message';
  return { content: caption || `[${kind}]`, files: [], metadata: { unsupported: kind } };
}

const COMMON_FIELDS = new Set(['message_id', 'message_thread_id', 'from', 'chat', 'date', 'edit_date', 'caption', 'caption_entities', 'entities', 'reply_to_message', 'forward_origin', 'reply_markup', 'has_protected_content', 'author_signature', 'via_bot', 'sender_chat', 'is_topic_message', 'media_group_id']);

function senderOf(user: TgUser): InboundMessage['sender'] {
  return { externalId: String(user.id), displayName: displayName(user) };
}

function displayName(user: TgUser): string | null {
  return [user.first_name, user.last_name].filter((p) => typeof p === 'string' && p.trim()).join(' ').trim() || (user.username ? `@${user.username}` : null);
}

/** Someone who writes can be reached again (they may have unblocked the bot). */
function identityUpdateOf(user: TgUser, chatId: number): InboundMessage['identityUpdate'] {
  return {
    unreachable: false,
    metadata: { chatId, ...(user.username ? { username: user.username } : {}), ...(user.language_code ? { languageCode: user.language_code } : {}) },
  };
}

/** Telegram sends phone numbers as digits, usually without the "+": E.164 or null. */
export function toE164(raw: unknown): string | null {
  if (typeof raw !== 'string' || !/\d/.test(raw)) return null;
  const trimmed = raw.trim();
  const parsed = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${trimmed.replace(/^00/, '')}`);
  return parsed?.isValid() ? parsed.number : null;
}
