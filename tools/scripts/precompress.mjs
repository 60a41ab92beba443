// Writes file.br and file.gz beside every compressible built file, once, at build time: brotli at
// quality 11 is too slow to run per request, and the server then only picks a file (web/static-files.ts).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);

function encode(encoding, bytes) {
  if (encoding === 'br') {
    return brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    });
  }
  return gzipSync(bytes, { level: 9 });
}

/** Precompresses `dir` recursively; returns how many files were (re)written. */
export function precompress(dir, skip = () => false) {
  if (!existsSync(dir)) return 0;
  let written = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) {
      written += precompress(file, skip);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(entry.name)) || skip(file)) continue;
    const mtime = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      const target = file + suffix;
      if (existsSync(target) && statSync(target).mtimeMs >= mtime) continue;
      const packed = encode(encoding, bytes);
      // A tiny file can grow when compressed; the server then simply sends it as it is.
      if (packed.length < bytes.length) writeFileSync(target, packed);
      else rmSync(target, { force: true });
      written++;
    }
  }
  return written;
}
