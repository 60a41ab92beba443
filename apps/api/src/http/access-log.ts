import type { Options } from 'pino-http';

const REDACTED = '[Redacted]';

/**
 * Capabilities that ride in URLs: a survey answer link's token, an attachment's id and its signed
 * link, a visitor's or website's token in a query. Whoever reads the access log must not be able
 * to use them, so they never reach it.
 */
const CAPABILITY_PATHS: RegExp[] = [/^(\/surveys\/answer\/)[^/?#]+/, /^(\/(?:api\/)?attachments\/)[^/?#]+/];
const SECRET_QUERY = /^(token|visitortoken|websitetoken|sig|signature|access_token|refresh_token|code)$/i;

/** A request URL with its capabilities replaced by [Redacted]. */
export function redactUrl(url: string): string {
  let path = url;
  let query = '';
  const q = url.indexOf('?');
  if (q >= 0) {
    path = url.slice(0, q);
    query = url.slice(q + 1);
  }
  for (const re of CAPABILITY_PATHS) path = path.replace(re, `$1${REDACTED}`);
  if (!query) return path;
  const params = query.split('&').map((pair) => {
    const name = pair.split('=')[0];
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A malformed escape in a name: compare it as sent.
    }
    return SECRET_QUERY.test(decoded) ? `${name}=${REDACTED}` : pair;
  });
  return `${path}?${params.join('&')}`;
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  [key: string]: unknown;
}

/** pino-http's `req` serializer on top of the standard one: the URL, query and route parameters redacted. */
export function redactRequest(req: SerializedRequest): SerializedRequest {
  const url = typeof req.url === 'string' ? redactUrl(req.url) : req.url;
  const query = req.query && Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, SECRET_QUERY.test(k) ? REDACTED : v]));
  // Route parameters repeat the path: when the path held a capability, none of them are kept.
  const params = url !== req.url ? undefined : req.params && Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, SECRET_QUERY.test(k) ? REDACTED : v]));
  return { ...req, url, query, params };
}

/** The api's access log: secrets in headers, URLs, queries and cookies never reach it. */
export function accessLogOptions(level: string): Options {
  return {
    level,
    autoLogging: { ignore: (req) => req.url === '/health' },
    redact: [
      'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-twilio-signature"]', 'req.headers["x-telegram-bot-api-secret-token"]',
      // A Referer may carry a survey or attachment link from a browser that ignored our Referrer-Policy.
      'req.headers.referer', 'res.headers["set-cookie"]',
    ],
    serializers: { req: redactRequest },
  };
}
