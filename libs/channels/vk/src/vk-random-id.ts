import { createHash } from 'node:crypto';

/**
 * messages.send's `random_id`: VK delivers a message once per random_id (per peer, within the last
 * hour), and answers a repeat with the first one's id. Ours are derived from our message id and the
 * part's number, so a retried send (a lost answer, a crashed worker) is a no-op at VK.
 *
 * 40 bits of hash, times 4096, plus a 12-bit tag of those bits: below 2^52, so JSON and JS numbers
 * carry it exactly (VK takes 64-bit random_ids). The tag lets a `message_reply` event be told apart:
 * one carrying our tag is the echo of our own send, already stored.
 */
export function randomIdFor(messageId: string, part = 0): number {
  const upper = Number.parseInt(sha256(`${messageId}:${part}`).slice(0, 10), 16);
  return upper * 4096 + tagOf(upper);
}

/** Whether a message's random_id is one Parley made (see randomIdFor). */
export function isParleyRandomId(randomId: unknown): boolean {
  const value = Number(randomId);
  if (!Number.isSafeInteger(value) || value <= 0) return false;
  const upper = Math.floor(value / 4096);
  return value % 4096 === tagOf(upper);
}

function tagOf(upper: number): number {
  return Number.parseInt(sha256(`parley-vk-random-id:${upper}`).slice(0, 3), 16);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
