import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { databaseErrorBody } from './database-errors';
import { ERROR_LANGUAGES, errorLanguageOf, localizedMessage, type ErrorLanguage } from './error-messages';
import { isServiceUnavailable, RETRY_AFTER_SECONDS } from './unavailable';

export interface ErrorBody {
  statusCode: number;
  /** Stable and machine-readable (`conversation_not_found`, `validation_failed`): the message is for people and follows their language. */
  code: string;
  message: string;
}

/** Every error leaves as {statusCode, code, message}; an unexpected one is logged and is a plain 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const body = errorBody(err, this.logger, requestLanguage(host.switchToHttp().getRequest<Request>()));
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(errorHeaders(body))) res.setHeader(name, value);
    // A route whose @Header set a download type (CSV) before it failed still answers its error as JSON.
    res.removeHeader('content-disposition');
    res.status(body.statusCode).type('application/json').json(body);
  }
}

/** Headers an error response carries: Retry-After on a 503 so clients and providers back off, then retry. */
export function errorHeaders(body: ErrorBody): Record<string, string> {
  return body.statusCode === HttpStatus.SERVICE_UNAVAILABLE ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
}

/** The language the client reads (Accept-Language, as the console sends its UI language); English by default. */
export function requestLanguage(req: Pick<Request, 'acceptsLanguages'> | undefined): ErrorLanguage {
  return errorLanguageOf(req?.acceptsLanguages?.(...ERROR_LANGUAGES) || 'en');
}

/** The JSON body of an error response (`{statusCode, code, message}`) in the language asked for; an unexpected error is logged. */
export function errorBody(err: unknown, logger: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>, language: ErrorLanguage = 'en'): ErrorBody {
  const { statusCode, message } = englishBody(err, logger);
  return { statusCode, ...localizedMessage(err, statusCode, message, language) };
}

function englishBody(err: unknown, logger: Pick<Logger, 'error'> & Partial<Pick<Logger, 'warn'>>): Omit<ErrorBody, 'code'> {
  if (err instanceof HttpException) {
    const body = err.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message ?? err.message;
    return { statusCode: err.getStatus(), message: Array.isArray(raw) ? raw.join('; ') : String(raw) };
  }
  const refused = databaseErrorBody(err);
  if (refused) return refused;
  if (isBodyParserError(err)) return bodyParserErrorBody(err);
  if (isServiceUnavailable(err)) {
    logger.warn?.(`Service unavailable: ${(err as Error).message}`);
    return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: 'Temporarily unavailable, please retry' };
  }
  logger.error(err);
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.too.large': 'Request body too large',
  'encoding.unsupported': 'Unsupported Content-Encoding: send the body uncompressed',
  'charset.unsupported': 'Unsupported charset: send the body as UTF-8',
  'entity.parse.failed': 'Malformed request body',
  'request.aborted': 'Request aborted',
  'request.size.invalid': 'Request body does not match its Content-Length',
};

function bodyParserErrorBody(err: { status: number; type: string }): Omit<ErrorBody, 'code'> {
  // body-parser's own 5xx (a stream already read by someone else) is our bug, not the client's.
  const statusCode = err.status >= 400 && err.status < 500 ? err.status : HttpStatus.BAD_REQUEST;
  return { statusCode, message: BODY_PARSER_MESSAGES[err.type] ?? 'Malformed request body' };
}

function isBodyParserError(err: unknown): err is { status: number; type: string } {
  return !!err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number' && typeof (err as { type?: unknown }).type === 'string';
}
