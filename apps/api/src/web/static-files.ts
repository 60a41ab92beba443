import { NotAcceptableException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type ContentCoding, pickEncoding } from './accept-encoding';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const SUFFIX: Record<ContentCoding, string> = { br: '.br', gzip: '.gz', identity: '' };
const etags = new Map<string, { stamp: string; etag: string }>();

/** A weak validator of the file's content: shared by its br, gzip and plain forms, which mean the same bytes. */
function etagOf(file: string, stat: fs.Stats): string {
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = etags.get(file);
  if (known?.stamp === stamp) return known.etag;
  const etag = `W/"${createHash('sha1').update(fs.readFileSync(file)).digest('base64url').slice(0, 27)}"`;
  etags.set(file, { stamp, etag });
  return etag;
}

function chooseCoding(req: Request, res: Response, available: Set<ContentCoding>): ContentCoding {
  res.vary('Accept-Encoding');
  const coding = pickEncoding(req.headers['accept-encoding'], available);
  if (!coding) throw new NotAcceptableException('Accept-Encoding refuses every coding this file is available in (br, gzip, identity)');
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  return coding;
}

/**
 * Sends a built file, or the .br/.gz copy the build wrote beside it (tools/scripts/precompress.mjs)
 * when the client takes it, with a validator so an unchanged file costs a 304.
 */
export function sendStatic(req: Request, res: Response, file: string, cacheControl: string): void {
  const stat = fs.statSync(file);
  const available = new Set<ContentCoding>((['br', 'gzip'] as const).filter((c) => isNewerCopy(file + SUFFIX[c], stat)));
  const coding = chooseCoding(req, res, available);
  const sent = file + SUFFIX[coding];
  res.type(path.extname(file));
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', etagOf(file, stat));
  res.setHeader('Last-Modified', stat.mtime.toUTCString());
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', coding === 'identity' ? stat.size : fs.statSync(sent).size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(sent);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** A copy left over from an older build must not be sent for a newer file. */
function isNewerCopy(copy: string, original: fs.Stats): boolean {
  try {
    return fs.statSync(copy).mtimeMs >= original.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * A page rewritten per response (the demo shop: its token and CSP nonce) compressed as it is sent;
 * it is small, so a fast brotli setting costs well under a millisecond.
 */
export function sendCompressedHtml(req: Request, res: Response, html: string): void {
  const coding = chooseCoding(req, res, new Set(['br', 'gzip']));
  const plain = Buffer.from(html, 'utf8');
  const body =
    coding === 'br' ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
      : coding === 'gzip' ? gzipSync(plain, { level: 6 })
        : plain;
  res.type('html');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
