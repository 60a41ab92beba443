import type { LoggerService } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';

export type LogFormat = 'json' | 'pretty';

/**
 * JSON for machines (piped, or in production), one readable line per entry for a person at a
 * terminal. LOG_FORMAT=json|pretty decides when set.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): LogFormat {
  const wanted = (env.LOG_FORMAT ?? '').trim().toLowerCase();
  if (wanted === 'json' || wanted === 'pretty') return wanted;
  if (wanted) throw new Error(`LOG_FORMAT must be json or pretty (got ${env.LOG_FORMAT})`);
  return env.NODE_ENV !== 'production' && isTTY ? 'pretty' : 'json';
}

interface LogEntry {
  context?: unknown;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

/** `context message`, or `METHOD url status time` for an access log entry. */
export function prettyMessage(entry: Record<string, unknown>, messageKey: string): string {
  const log = entry as LogEntry;
  const context = typeof log.context === 'string' && log.context ? `${log.context} ` : '';
  if (log.req && log.res) return `${context}${log.req.method} ${log.req.url} ${log.res.statusCode} ${log.responseTime ?? '?'} ms`;
  return `${context}${String(log[messageKey] ?? '')}`;
}

/** Keys prettyMessage already shows (or a person at a terminal does not need). */
const SHOWN = 'pid,hostname,context,req,res,responseTime';

/**
 * pino-pretty as a synchronous stream in this thread: a transport (worker thread) could print a
 * start-up line after the banner that is meant to come last. pino-pretty is a dev dependency; an
 * install without it logs JSON.
 */
function prettyStream(destination?: NodeJS.WritableStream): DestinationStream | undefined {
  try {
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    return pretty.build({ ...(destination ? { destination } : {}), sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: SHOWN, messageFormat: prettyMessage });
  } catch {
    return undefined;
  }
}

/** The pinoHttp parameter of nestjs-pino's LoggerModule: the options, written in the chosen format. */
export function pinoHttpParams(options: Options, format: LogFormat = logFormat(), destination?: NodeJS.WritableStream): Options | [Options, DestinationStream] {
  const stream = format === 'pretty' ? prettyStream(destination) : undefined;
  return stream ? [options, stream] : options;
}

/** What Nest says about itself while starting: every module, route and gateway, one line each. */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestApplication']);

/** Nest's own start-up chatter at debug, so what a person must read at start is not buried under it. */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context) && this.inner.debug) this.inner.debug(message, ...params);
    else this.inner.log(message, ...params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.inner.fatal?.(message, ...params);
  }
}
