import { storableText } from '@parley/channels-core';

/** Lowercased, trimmed, without angle brackets: how addresses are compared and stored. */
export function normalizeAddress(address: string | null | undefined): string {
  return (address ?? '').trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

/**
 * Whether `recipient` reaches the inbox at `inboxAddress`, directly or through plus-addressing
 * (support+anything@shop.example); the part after "+" comes back as `tag`.
 */
export function matchInboxAddress(inboxAddress: string, recipient: string): { tag: string | null } | null {
  const inbox = normalizeAddress(inboxAddress);
  const rcpt = normalizeAddress(recipient);
  if (rcpt === inbox) return { tag: null };
  const at = rcpt.lastIndexOf('@');
  const inboxAt = inbox.lastIndexOf('@');
  if (at < 0 || inboxAt < 0 || rcpt.slice(at) !== inbox.slice(inboxAt)) return null;
  const local = rcpt.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0 || local.slice(0, plus) !== inbox.slice(0, inboxAt)) return null;
  return { tag: local.slice(plus + 1) || null };
}

/** support@shop.example + token → support+token@shop.example */
export function plusAddress(inboxAddress: string, tag: string): string {
  const at = inboxAddress.lastIndexOf('@');
  return `${inboxAddress.slice(0, at)}+${tag}${inboxAddress.slice(at)}`;
}

/**
 * Message-IDs compare without their angle brackets, and without NUL bytes: they are looked up
 * before the mail reaches the ingest gate, and PostgreSQL refuses NUL even in a query.
 */
export function bareMessageId(id: string | null | undefined): string | null {
  const bare = storableText(id ?? '').trim().replace(/^<+|>+$/g, '').trim();
  return bare && bare.length <= 250 ? bare : null;
}

/** All Message-IDs of a References/In-Reply-To header, in order, without brackets. */
export function messageIdsOf(header: string | string[] | null | undefined): string[] {
  const text = Array.isArray(header) ? header.join(' ') : (header ?? '');
  const ids = text.match(/<[^<>\s]+>/g) ?? (text.trim() ? text.trim().split(/\s+/) : []);
  return ids.map(bareMessageId).filter((id): id is string => !!id);
}
