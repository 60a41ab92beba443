import { Writable } from 'node:stream';
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { logFormat, pinoHttpParams, prettyMessage, QuietStartupLogger } from './logging';

describe('logFormat', () => {
  it('is readable at a terminal and JSON when piped or in production', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
  });

  it('follows LOG_FORMAT when set, and refuses a value it does not know', () => {
    expect(logFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'JSON' }, true)).toBe('json');
    expect(() => logFormat({ LOG_FORMAT: 'xml' }, true)).toThrow(/LOG_FORMAT must be json or pretty/);
  });
});

describe('pretty log lines', () => {
  it('reads as time, level, context and message', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += chunk), done()) });
    const params = pinoHttpParams({ level: 'info' }, 'pretty', sink);
    expect(Array.isArray(params)).toBe(true);
    const [options, stream] = params as [pino.LoggerOptions, pino.DestinationStream];
    pino(options, stream).info({ context: 'Входящие' }, 'диалог открыт');
    // The stream is synchronous: the line is there as soon as the call returns.
    expect(out.trim()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO.*: Входящие диалог открыт$/);
  });

  it('shows an access log entry as method, url, status and time', () => {
    expect(prettyMessage({ req: { method: 'GET', url: '/api/conversations' }, res: { statusCode: 200 }, responseTime: 12, msg: 'request completed' }, 'msg')).toBe('GET /api/conversations 200 12 ms');
  });

  it('is plain JSON options when JSON is wanted', () => {
    expect(pinoHttpParams({ level: 'warn' }, 'json')).toEqual({ level: 'warn' });
  });
});

describe('QuietStartupLogger', () => {
  it("turns Nest's start-up chatter into debug and keeps everything else", () => {
    const calls: string[] = [];
    const inner: LoggerService = {
      log: (m: string, ctx: string) => calls.push(`info ${ctx} ${m}`),
      debug: (m: string, ctx: string) => calls.push(`debug ${ctx} ${m}`),
      warn: (m: string, ctx: string) => calls.push(`warn ${ctx} ${m}`),
      error: (m: string, ctx: string) => calls.push(`error ${ctx} ${m}`),
    };
    const logger = new QuietStartupLogger(inner);
    logger.log('Mapped {/api/conversations, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('демо-канал создан', 'InboxesService');
    logger.warn('Redis может потерять задания', 'RedisDurability');
    expect(calls).toEqual([
      'debug RouterExplorer Mapped {/api/conversations, GET} route',
      'debug InstanceLoader AppModule dependencies initialized',
      'info InboxesService демо-канал создан',
      'warn RedisDurability Redis может потерять задания',
    ]);
  });
});
