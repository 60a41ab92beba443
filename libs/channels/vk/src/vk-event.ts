import type { InboundMessage, MediaReference } from '@parley/channels-core';
import { isParleyRandomId } from './vk-random-id';

// The parts of Callback API / Bots Long Poll events (https://dev.vk.com/ru/api/community-events/json-schema)
// this channel reads, API 5.199. Events are untrusted JSON until checked here.
export interface VkEvent {
  type: string;
  object?: unknown;
  group_id?: number;
  event_id?: string;
  v?: string;
  secret?: string;
}

interface VkPhotoSize { type?: string; url?: string; width?: number; height?: number }
interface VkAttachment {
  type: string;
  photo?: { id?: number; sizes?: VkPhotoSize[]; orig_photo?: VkPhotoSize };
  doc?: { id?: number; title?: string; ext?: string; size?: number; url?: string };
  audio_message?: { link_ogg?: string; link_mp3?: string };
  sticker?: { images?: VkPhotoSize[] };
}

export interface VkMessage {
  id: number;
  conversation_message_id?: number;
  date?: number;
  peer_id: number;
  from_id: number;
  text?: string;
  out?: 0 | 1;
  random_id?: number;
  admin_author_id?: number;
  attachments?: VkAttachment[];
  payload?: string;
  geo?: { coordinates?: { latitude: number; longitude: number }; place?: { title?: string } };
  reply_message?: { id?: number };
  update_time?: number;
}

/** VK's `peer_id` of group chats starts here; a community inbox answers one-to-one dialogs only. */
const CHAT_PEER_START = 2_000_000_000;
/** The event types this channel subscribes to (groups.setCallbackSettings / setLongPollSettings). */
export const VK_EVENT_TYPES = ['message_new', 'message_reply', 'message_edit', 'message_allow', 'message_deny', 'message_event'] as const;

export interface ReadVkEvent {
  inbound: InboundMessage;
  /** A pressed callback button: answered with messages.sendMessageEventAnswer so the client stops waiting. */
  eventAnswer: { eventId: string; userId: number; peerId: number } | null;
  /** Who to look up with users.get for the name and profile link (the customer, or the admin who replied). */
  lookupUserId: number | null;
}

/** `<peer id>:<message id>`: a message's provider id, both directions (replies and edits find it). */
export const vkMessageKey = (peerId: number | string, messageId: number | string): string => `${peerId}:${messageId}`;

/**
 * One event → the message it means, or null for what an inbox ignores (group chats, event types not
 * ours, the echo of our own sends). Throws on a payload that is not an event at all.
 */
export function readVkEvent(body: unknown, inboxId: string): ReadVkEvent | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('a VK event must be a JSON object');
  const event = body as VkEvent;
  if (typeof event.type !== 'string' || !event.type) throw new Error('type is required');
  const eventId = typeof event.event_id === 'string' && event.event_id ? event.event_id.slice(0, 64) : null;
  const object = event.object && typeof event.object === 'object' ? (event.object as Record<string, any>) : null;
  switch (event.type) {
    case 'message_new':
      return readMessage(messageOf(object?.message ?? object), inboxId, object?.client_info);
    case 'message_reply':
      return readReply(messageOf(object), inboxId);
    case 'message_edit':
      return readEdit(messageOf(object), inboxId, eventId);
    case 'message_event':
      return readButton(object, inboxId);
    case 'message_allow':
    case 'message_deny':
      return readConsent(event.type === 'message_allow', object, inboxId, eventId);
    default:
      return null;
  }
}

function messageOf(raw: unknown): VkMessage {
  const m = raw as VkMessage | null;
  if (!m || typeof m !== 'object' || !Number.isSafeInteger(m.id) || !Number.isSafeInteger(m.peer_id) || !Number.isSafeInteger(m.from_id)) {
    throw new Error('a message needs id, peer_id and from_id');
  }
  return m;
}

function keyOf(m: VkMessage): string {
  // Messages of community dialogs have a global id; a 0 there is a chat's, which we do not read.
  return m.id > 0 ? vkMessageKey(m.peer_id, m.id) : vkMessageKey(m.peer_id, `c${m.conversation_message_id ?? 0}`);
}

function readMessage(m: VkMessage, inboxId: string, clientInfo: unknown): ReadVkEvent | null {
  if (m.peer_id >= CHAT_PEER_START || m.from_id <= 0 || m.out === 1) return null;
  const read = readContent(m);
  const lang = (clientInfo as { lang_id?: unknown } | undefined)?.lang_id;
  const inbound: InboundMessage = {
    inboxId,
    channel: 'vk',
    providerMessageId: keyOf(m),
    sender: { externalId: String(m.from_id) },
    content: read.content,
    ...(read.media.length ? { media: read.media } : {}),
    metadata: compact({
      peerId: m.peer_id,
      messageId: m.id,
      conversationMessageId: m.conversation_message_id,
      date: m.date,
      payload: typeof m.payload === 'string' ? m.payload.slice(0, 255) : undefined,
      mediaPending: read.media.length || undefined,
      ...read.metadata,
    }),
    identityUpdate: { unreachable: false, metadata: compact({ peerId: m.peer_id, langId: typeof lang === 'number' ? lang : undefined }) },
  };
  if (m.reply_message?.id) inbound.threadKeys = [vkMessageKey(m.peer_id, m.reply_message.id)];
  return { inbound, eventAnswer: null, lookupUserId: m.from_id };
}

/**
 * A message the community sent (message_reply): an admin writing from VK itself is stored as an
 * outbound message of the conversation; our own sends (their random_id carries our tag, and no admin
 * wrote them) are already stored and ignored.
 */
function readReply(m: VkMessage, inboxId: string): ReadVkEvent | null {
  if (m.peer_id >= CHAT_PEER_START || m.peer_id <= 0) return null;
  if (!m.admin_author_id && isParleyRandomId(m.random_id)) return null;
  const read = readContent(m);
  return {
    inbound: {
      inboxId,
      channel: 'vk',
      providerMessageId: keyOf(m),
      sender: { externalId: String(m.peer_id) },
      content: read.content,
      ...(read.media.length ? { media: read.media } : {}),
      metadata: compact({ peerId: m.peer_id, messageId: m.id, date: m.date, adminAuthorId: m.admin_author_id, sentFromVk: true, mediaPending: read.media.length || undefined, ...read.metadata }),
      sentElsewhere: { authorName: null },
    },
    eventAnswer: null,
    lookupUserId: m.admin_author_id && m.admin_author_id > 0 ? m.admin_author_id : null,
  };
}

/** An edit (of the customer's message, or of one the community sent): the stored message takes the new text. */
function readEdit(m: VkMessage, inboxId: string, eventId: string | null): ReadVkEvent | null {
  if (m.peer_id >= CHAT_PEER_START || m.peer_id <= 0) return null;
  const byCommunity = m.from_id < 0 || m.out === 1;
  const version = m.update_time ?? eventId ?? m.date ?? 0;
  return {
    inbound: {
      inboxId,
      channel: 'vk',
      providerMessageId: `edit:${keyOf(m)}:${version}`,
      sender: { externalId: String(m.peer_id) },
      content: readContent(m).content,
      edits: keyOf(m),
      metadata: compact({ peerId: m.peer_id, messageId: m.id, updateTime: m.update_time }),
      ...(byCommunity ? { sentElsewhere: { authorName: null } } : {}),
    },
    eventAnswer: null,
    lookupUserId: null,
  };
}

/** A pressed callback button (our survey's scores): `payload` is what we put on it, `{d: data, t: label}`. */
function readButton(o: Record<string, any> | null, inboxId: string): ReadVkEvent | null {
  if (!o || typeof o.event_id !== 'string' || !o.event_id || !Number.isSafeInteger(o.user_id) || !Number.isSafeInteger(o.peer_id)) {
    throw new Error('message_event needs event_id, user_id and peer_id');
  }
  if (o.peer_id >= CHAT_PEER_START || o.user_id <= 0) return null;
  const payload = parsePayload(o.payload);
  const data = typeof payload?.d === 'string' ? payload.d : typeof o.payload === 'string' ? o.payload : '';
  const label = typeof payload?.t === 'string' ? payload.t : data;
  return {
    inbound: {
      inboxId,
      channel: 'vk',
      providerMessageId: `event:${o.event_id.slice(0, 64)}`,
      sender: { externalId: String(o.user_id) },
      content: label,
      metadata: compact({ peerId: o.peer_id, callbackData: data, conversationMessageId: o.conversation_message_id }),
      identityUpdate: { unreachable: false, metadata: { peerId: o.peer_id } },
    },
    eventAnswer: { eventId: o.event_id, userId: o.user_id, peerId: o.peer_id },
    lookupUserId: o.user_id,
  };
}

/**
 * message_allow / message_deny: the customer let the community write to them, or forbade it. An
 * identity-only update (no message, no conversation): the opt-out on their identity, which the
 * console shows and which stops replies, and the `key` of the allow widget they came through. Only
 * an allow introduces a customer never seen before (with the name users.get gives); a deny from a
 * stranger stores nothing.
 */
function readConsent(allowed: boolean, o: Record<string, any> | null, inboxId: string, eventId: string | null): ReadVkEvent | null {
  if (!o || !Number.isSafeInteger(o.user_id) || o.user_id <= 0) throw new Error(`${allowed ? 'message_allow' : 'message_deny'} needs user_id`);
  const at = new Date().toISOString();
  const key = typeof o.key === 'string' && o.key.trim() ? o.key.trim().slice(0, 64) : undefined;
  return {
    inbound: {
      inboxId,
      channel: 'vk',
      // VK's event_id is the one id a re-delivery shares; without it (never seen) the user and the minute do.
      providerMessageId: `${allowed ? 'allow' : 'deny'}:${eventId ?? `${o.user_id}:${at.slice(0, 16)}`}`,
      sender: { externalId: String(o.user_id) },
      content: '',
      identityOnly: true,
      identityUpdate: allowed
        ? { optedOut: false, unreachable: false, metadata: compact({ optedInAt: at, allowKey: key }) }
        : { optedOut: true, metadata: { optedOutAt: at } },
    },
    eventAnswer: null,
    lookupUserId: allowed ? o.user_id : null,
  };
}

function parsePayload(raw: unknown): Record<string, unknown> | null {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw !== 'string') return null;
  try {
    const parsed = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function readContent(m: VkMessage): { content: string; media: MediaReference[]; metadata: Record<string, unknown> } {
  const media: MediaReference[] = [];
  const unsupported: string[] = [];
  for (const a of Array.isArray(m.attachments) ? m.attachments.slice(0, 10) : []) {
    if (a?.type === 'photo' && a.photo) {
      const best = largest([...(a.photo.sizes ?? []), ...(a.photo.orig_photo ? [a.photo.orig_photo] : [])]);
      if (best?.url) media.push({ url: best.url, contentType: 'image/jpeg', fileName: `photo-${a.photo.id ?? media.length + 1}.jpg` });
    } else if (a?.type === 'doc' && a.doc?.url) {
      const name = a.doc.title || `document${a.doc.ext ? `.${a.doc.ext}` : ''}`;
      media.push({ url: a.doc.url, contentType: null, fileName: name.slice(0, 200) });
    } else if (a?.type === 'audio_message' && (a.audio_message?.link_ogg || a.audio_message?.link_mp3)) {
      const ogg = a.audio_message.link_ogg;
      media.push({ url: (ogg ?? a.audio_message.link_mp3)!, contentType: ogg ? 'audio/ogg' : 'audio/mpeg', fileName: ogg ? 'voice.ogg' : 'voice.mp3' });
    } else if (a?.type === 'sticker' && a.sticker?.images?.length) {
      const best = largest(a.sticker.images);
      if (best?.url) media.push({ url: best.url, contentType: 'image/png', fileName: 'sticker.png' });
    } else if (typeof a?.type === 'string') {
      unsupported.push(a.type);
    }
  }
  let content = typeof m.text === 'string' ? m.text : '';
  const metadata: Record<string, unknown> = {};
  const coords = m.geo?.coordinates;
  if (coords && Number.isFinite(coords.latitude) && Number.isFinite(coords.longitude)) {
    metadata.location = { latitude: coords.latitude, longitude: coords.longitude };
    if (!content) content = `📍 ${coords.latitude}, ${coords.longitude}${m.geo?.place?.title ? ` — ${m.geo.place.title}` : ''}`;
  }
  if (unsupported.length) {
    metadata.unsupported = unsupported;
    if (!content && media.length === 0) content = unsupported.map((t) => `[${t}]`).join(' ');
  }
  return { content, media, metadata };
}

function largest(sizes: VkPhotoSize[]): VkPhotoSize | null {
  return sizes.filter((s) => typeof s?.url === 'string').sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0] ?? null;
}

/** `o` without its undefined fields (a plain loop: this runs several times for every event). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in o) if (o[key] !== undefined) out[key] = o[key];
  return out;
}
