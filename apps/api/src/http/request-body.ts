import type { IncomingMessage } from 'node:http';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Deeper JSON than this is refused before it is parsed: class-validator and class-transformer
 * recurse per level, so 20,000 nested arrays overflowed the stack (a 500). No Parley payload
 * needs more than a handful of levels; free-form `data`/`attributes` get plenty of room.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests objects/arrays deeper than `max` (brackets inside strings do not count). */
export function jsonDepthExceeds(text: string | Buffer, max = MAX_JSON_DEPTH): boolean {
  const s = typeof text === 'string' ? text : text.toString('utf8');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** body-parser's `verify` hook: runs on the raw bytes, before JSON.parse and long before validation. */
export function refuseDeepJson(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (jsonDepthExceeds(buf)) throw new BadRequestException(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
}

/** As type-is's hasBody, but an empty body (`Content-Length: 0`) is no body. */
const hasBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

const isJson = (req: IncomingMessage): boolean => {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
};

/**
 * `/api` takes JSON. A body of any other type used to be skipped by the JSON parser and read as an
 * empty body (a 2xx for a request that said nothing we understood): it is a 415 instead. Uploads
 * (`/api/attachments`) are raw bytes of any type and are mounted before this.
 */
export function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !isJson(req) && !req.originalUrl.startsWith('/api/attachments')) {
    next(new UnsupportedMediaTypeException('Send the request body as application/json'));
    return;
  }
  next();
}
