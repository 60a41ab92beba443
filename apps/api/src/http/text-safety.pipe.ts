import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A NUL, or half of a UTF-16 surrogate pair: PostgreSQL refuses both (text and jsonb), SQLite mangles them. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where in `value` (a path like `config.smtp.host`) a string holds an unstorable character, if anywhere. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  // Iterative: the depth cap keeps bodies shallow, but query strings and custom pipes feed this too.
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return at || 'value';
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${at}[${i}]`]));
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, item] of Object.entries(v)) {
        const keyPath = at ? `${at}.${key}` : key;
        if (UNSTORABLE.test(key)) return at || 'a field name';
        stack.push([item, keyPath]);
      }
    }
  }
  return undefined;
}

/**
 * Runs before validation on every body, query and path parameter: text with a NUL byte or a lone
 * surrogate is a 400 naming the field, never a database error (a 500) and never half-stored.
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const at = findUnstorableText(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (at !== undefined) {
      throw new BadRequestException(`${printable(at)} contains a NUL byte or an unpaired surrogate, which cannot be stored`);
    }
    return value;
  }
}

/** The field path, itself possibly holding the bad characters, made safe to echo in the message. */
const printable = (at: string): string => at.replace(/[\u0000-\u001f\ud800-\udfff]/g, '?').slice(0, 100);
