import type { MetaSendPolicy } from '@parley/domain';

/** Messenger takes 2,000 characters of text per message; Instagram 1,000 bytes of UTF-8. */
export const TEXT_LIMIT = { messenger: { chars: 2000, bytes: Infinity }, instagram: { chars: 1000, bytes: 1000 } } as const;
/** Quick replies: at most 13, titles of at most 20 characters, payloads of at most 1,000. */
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;

export type QuickReply =
  | { content_type: 'text'; title: string; payload: string }
  /** Messenger offers the person's own phone number or email from their profile, as one tap. */
  | { content_type: 'user_phone_number' | 'user_email' };

const PROFILE_REPLIES = new Set(['user_phone_number', 'user_email']);

/** One Send API request body (`POST /{page-id}/messages`). */
export interface SendBody {
  recipient: { id: string };
  messaging_type: 'RESPONSE' | 'MESSAGE_TAG';
  tag?: string;
  message: {
    text?: string;
    attachment?: { type: 'image' | 'video' | 'audio' | 'file'; payload: { url: string; is_reusable: false } };
    quick_replies?: QuickReply[];
    metadata: string;
  };
}

/**
 * The requests one reply takes, in order: each file (Meta takes one attachment per message), then
 * the text in as many parts as its limit needs, the quick replies on the last one. Each carries
 * `metadata` so that its echo is known for ours.
 */
export function sendBodies(input: {
  channel: 'messenger' | 'instagram';
  recipient: string;
  content: string;
  attachments: { url: string; contentType: string }[];
  buttons: unknown;
  policy: Exclude<MetaSendPolicy, { refused: string }>;
  metadata: string;
}): SendBody[] {
  const { quickReplies, linkLines } = buttonsOf(input.buttons);
  const text = [input.content.trim(), ...linkLines].filter(Boolean).join('\n\n');
  const envelope = {
    recipient: { id: input.recipient },
    messaging_type: input.policy.messagingType,
    ...(input.policy.tag ? { tag: input.policy.tag } : {}),
  };
  const bodies: SendBody[] = input.attachments.map((a) => ({
    ...envelope,
    message: { attachment: { type: attachmentType(a.contentType), payload: { url: a.url, is_reusable: false } }, metadata: input.metadata },
  }));
  const parts = text ? splitText(text, TEXT_LIMIT[input.channel]) : [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    bodies.push({ ...envelope, message: { text: part, ...(last && quickReplies.length ? { quick_replies: quickReplies } : {}), metadata: input.metadata } });
  });
  return bodies;
}

function attachmentType(contentType: string): 'image' | 'video' | 'audio' | 'file' {
  if (/^image\/(jpeg|png|gif|webp)$/.test(contentType)) return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

/** The reply's `metadata.buttons` ([{text, data?, url?}]): choices as quick replies, links as lines of text. */
export function buttonsOf(buttons: unknown): { quickReplies: QuickReply[]; linkLines: string[] } {
  const quickReplies: QuickReply[] = [];
  const linkLines: string[] = [];
  if (!Array.isArray(buttons)) return { quickReplies, linkLines };
  for (const b of buttons) {
    if (!b || typeof b !== 'object' || typeof b.text !== 'string' || !b.text.trim()) continue;
    if (typeof b.url === 'string' && b.url) linkLines.push(`• ${b.text}: ${b.url}`);
    else if (quickReplies.length < MAX_QUICK_REPLIES && PROFILE_REPLIES.has(b.data)) quickReplies.push({ content_type: b.data });
    else if (quickReplies.length < MAX_QUICK_REPLIES) {
      quickReplies.push({ content_type: 'text', title: [...b.text.trim()].slice(0, MAX_TITLE).join(''), payload: typeof b.data === 'string' && b.data ? b.data : b.text });
    }
  }
  return { quickReplies, linkLines };
}

/** Splits text at paragraph, line or word breaks so that each part fits the limit in characters and UTF-8 bytes. */
export function splitText(text: string, limit: { chars: number; bytes: number }): string[] {
  const fits = (s: string) => s.length <= limit.chars && Buffer.byteLength(s) <= limit.bytes;
  const parts: string[] = [];
  let rest = text;
  while (!fits(rest)) {
    let cut = 0;
    // The longest prefix that fits, in code points (never halving an emoji or a Cyrillic letter).
    const chars = [...rest];
    let size = 0;
    let bytes = 0;
    for (const c of chars) {
      if (size + c.length > limit.chars || bytes + Buffer.byteLength(c) > limit.bytes) break;
      size += c.length;
      bytes += Buffer.byteLength(c);
      cut = size;
    }
    const window = rest.slice(0, cut);
    const at = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const end = at > cut / 2 ? at : cut;
    parts.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
