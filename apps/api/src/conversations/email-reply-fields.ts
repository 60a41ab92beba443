import { BadRequestException } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { Channel } from '@parley/contracts';

export const MAX_CC = 20;

/** `cc` as sent: a list, or one comma-separated string as typed into the composer. */
export function ccList(value: unknown): unknown {
  return typeof value === 'string' ? value.split(',').map((a) => a.trim()).filter(Boolean) : value;
}

/**
 * The subject and CC of an email reply, checked: only email conversations have them, every CC
 * must be an address (named in the 400 when not), and the subject is one line (a line break
 * in a header would start another header).
 */
export function emailReplyFields(channel: Channel, body: { subject?: string; cc?: string[] }): { subject?: string; cc?: string[] } {
  if (body.subject === undefined && body.cc === undefined) return {};
  if (channel !== 'email') throw new BadRequestException('subject and cc can only be set on email conversations');
  const invalid = (body.cc ?? []).filter((address) => !isEmail(address));
  if (invalid.length) throw new BadRequestException(`cc has invalid email addresses: ${invalid.slice(0, 5).join(', ')}`);
  const subject = body.subject?.replace(/[\r\n\t]+/g, ' ').trim();
  return {
    ...(subject ? { subject } : {}),
    ...(body.cc?.length ? { cc: [...new Set(body.cc.map((a) => a.toLowerCase()))] } : {}),
  };
}
