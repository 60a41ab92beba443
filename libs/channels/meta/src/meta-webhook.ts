import type { DeliveryStatusUpdate, InboundMessage, MediaReference } from '@parley/channels-core';

/**
 * Meta's webhook payload (Messenger: `object: "page"`, Instagram: `object: "instagram"`) read into
 * what Parley stores: the customers' messages (text, attachments, quick replies, postbacks,
 * reactions), the page's own messages sent from elsewhere (echoes), and delivery and read reports.
 * https://developers.facebook.com/docs/messenger-platform/webhooks
 */
export interface MetaWebhookRead {
  messages: InboundMessage[];
  statuses: DeliveryStatusUpdate[];
}

export interface MetaWebhookContext {
  inboxId: string;
  channel: 'messenger' | 'instagram';
  /** The page's (Messenger) or the Instagram account's id: the sender of echoes, `entry[].id`. */
  businessId: string;
}

/** Echoes of our own sends carry this in `message.metadata`, followed by our message id. */
export const PARLEY_METADATA_PREFIX = 'parley:';

const OBJECT = { messenger: 'page', instagram: 'instagram' } as const;
const MEDIA_TYPES: Record<string, string> = { image: 'image/*', video: 'video/*', audio: 'audio/*', file: 'application/octet-stream', sticker: 'image/*' };
const PHONE = /^\+?[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Meta sends at most a few events per entry; a payload with more is not Meta's. */
const MAX_EVENTS = 1000;

export function readMetaWebhook(body: unknown, context: MetaWebhookContext): MetaWebhookRead {
  const out: MetaWebhookRead = { messages: [], statuses: [] };
  if (!isObject(body)) throw new Error('expected a JSON object');
  // Another object (a Page's feed, an Instagram inbox's page events): acknowledged and ignored.
  if (body.object !== OBJECT[context.channel]) return out;
  if (!Array.isArray(body.entry)) throw new Error('entry must be a list');
  let count = 0;
  for (const entry of body.entry) {
    if (!isObject(entry)) throw new Error('each entry must be an object');
    // `standby` events belong to another app that owns the thread (handover protocol): not ours to store.
    if (entry.messaging === undefined) continue;
    if (!Array.isArray(entry.messaging)) throw new Error('entry.messaging must be a list');
    for (const event of entry.messaging) {
      if (++count > MAX_EVENTS) throw new Error(`more than ${MAX_EVENTS} events in one request`);
      readEvent(event, context, out);
    }
  }
  return out;
}

function readEvent(event: unknown, context: MetaWebhookContext, out: MetaWebhookRead): void {
  if (!isObject(event)) throw new Error('each messaging event must be an object');
  const sender = idOf(event.sender);
  const recipient = idOf(event.recipient);
  if (!sender || !recipient) throw new Error('a messaging event needs sender.id and recipient.id');
  const timestamp = typeof event.timestamp === 'number' && Number.isFinite(event.timestamp) ? event.timestamp : null;
  const occurredAt = timestamp ? new Date(timestamp) : undefined;
  const base = { inboxId: context.inboxId, channel: context.channel, ...(occurredAt && !Number.isNaN(occurredAt.getTime()) ? { occurredAt } : {}) };

  if (isObject(event.message)) {
    const m = event.message;
    const mid = str(m.mid);
    if (!mid) throw new Error('message.mid is required');
    if (m.is_deleted === true || m.is_unsupported === true) return;
    const { content, media } = contentOf(m);
    if (m.is_echo === true) {
      // Our own send (its echo carries our metadata): already stored, its id recorded from the Send API answer.
      if (str(m.metadata)?.startsWith(PARLEY_METADATA_PREFIX)) return;
      out.messages.push({
        ...base, providerMessageId: mid, sender: { externalId: recipient }, content,
        ...(media.length ? { media } : {}),
        metadata: compact({ appId: m.app_id != null ? String(m.app_id) : undefined, mediaPending: media.length || undefined }),
        sentElsewhere: { authorName: null },
      });
      return;
    }
    const quickReply = isObject(m.quick_reply) ? str(m.quick_reply.payload) : null;
    const replyTo = isObject(m.reply_to) ? str(m.reply_to.mid) : null;
    // The phone number (or email) quick reply: Meta fills in the one on the person's profile, so it is theirs.
    const phone = quickReply && PHONE.test(quickReply) ? `+${quickReply.replace(/\D/g, '')}` : null;
    const email = quickReply && EMAIL.test(quickReply) ? quickReply.toLowerCase() : null;
    out.messages.push({
      ...base, providerMessageId: mid, sender: { externalId: sender }, content,
      ...(media.length ? { media } : {}),
      metadata: compact({ callbackData: quickReply ?? undefined, replyTo: replyTo ?? undefined, mediaPending: media.length || undefined }),
      ...(replyTo ? { threadKeys: [replyTo] } : {}),
      ...(phone ? { verifiedPhone: phone, customerFill: { phone } } : email ? { customerFill: { email } } : {}),
    });
    return;
  }
  if (isObject(event.postback)) {
    // A button of a template pressed: like a quick reply, its payload is what surveys read.
    const p = event.postback;
    const payload = str(p.payload) ?? '';
    out.messages.push({
      ...base, providerMessageId: str(p.mid) ?? `postback:${sender}:${timestamp ?? payload}`, sender: { externalId: sender },
      content: str(p.title) ?? payload, metadata: { callbackData: payload },
    });
    return;
  }
  if (isObject(event.reaction)) {
    const r = event.reaction;
    const mid = str(r.mid);
    // A reaction taken back is not a message; the one given stays in the history.
    if (!mid || r.action !== 'react') return;
    const emoji = str(r.emoji) ?? str(r.reaction) ?? '👍';
    out.messages.push({
      ...base, providerMessageId: `reaction:${mid}:${sender}:${timestamp ?? emoji}`, sender: { externalId: sender }, content: emoji,
      metadata: { reaction: { to: mid, emoji, kind: str(r.reaction) } }, threadKeys: [mid],
    });
    return;
  }
  if (isObject(event.delivery)) {
    const d = event.delivery;
    const mids = Array.isArray(d.mids) ? d.mids.filter((x): x is string => typeof x === 'string' && !!x) : [];
    for (const mid of mids) out.statuses.push({ providerMessageId: mid, status: 'delivered' });
    const watermark = watermarkOf(d.watermark);
    if (watermark) out.statuses.push({ providerMessageId: `delivered@${sender}@${d.watermark}`, status: 'delivered', upTo: { recipient: sender, at: watermark } });
    return;
  }
  if (isObject(event.read)) {
    const r = event.read;
    // Instagram names the message seen; Messenger gives a watermark.
    const mid = str(r.mid);
    if (mid) out.statuses.push({ providerMessageId: mid, status: 'read' });
    const watermark = watermarkOf(r.watermark);
    if (watermark) out.statuses.push({ providerMessageId: `read@${sender}@${r.watermark}`, status: 'read', upTo: { recipient: sender, at: watermark } });
  }
  // Anything else (optins, referrals, handovers, policy notices): acknowledged and ignored.
}

/** The text, or what stands for it, and the media the worker fetches after the message is stored. */
function contentOf(m: Record<string, unknown>): { content: string; media: MediaReference[] } {
  const lines: string[] = [];
  const text = str(m.text);
  if (text) lines.push(text);
  const media: MediaReference[] = [];
  for (const a of Array.isArray(m.attachments) ? m.attachments.slice(0, 20) : []) {
    if (!isObject(a)) continue;
    const payload = isObject(a.payload) ? a.payload : {};
    const url = str(payload.url);
    const coordinates = isObject(payload.coordinates) ? payload.coordinates : null;
    if (a.type === 'location' && coordinates) lines.push(`📍 ${coordinates.lat}, ${coordinates.long}`);
    else if (typeof a.type === 'string' && MEDIA_TYPES[a.type] && url && /^https?:\/\//.test(url)) media.push({ url, contentType: MEDIA_TYPES[a.type] === 'application/octet-stream' ? null : MEDIA_TYPES[a.type] });
    // Shared posts, reels, story mentions, link previews: the link is the message.
    else if (url && /^https?:\/\//.test(url)) lines.push(url);
    else if (str(a.title)) lines.push(str(a.title)!);
  }
  return { content: lines.join('\n'), media };
}

function watermarkOf(value: unknown): string | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const at = new Date(n);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

function idOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  const id = value.id;
  return typeof id === 'string' && id ? id : typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
