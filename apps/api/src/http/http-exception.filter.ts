import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Response } from 'express';

/** Every error leaves as {statusCode, message}; an unexpected one is logged and is a plain 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const body = errorBody(err, this.logger);
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

/** The JSON body of an error response (`{statusCode, message}`); an unexpected error is logged. */
export function errorBody(err: unknown, logger: Pick<Logger, 'error'>): { statusCode: number; message: string } {
  if (err instanceof HttpException) {
    const body = err.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message ?? err.message;
    return { statusCode: err.getStatus(), message: Array.isArray(raw) ? raw.join('; ') : String(raw) };
  }
  if (err instanceof QueryFailedError && /unique|duplicate/i.test(err.message)) {
    return { statusCode: HttpStatus.CONFLICT, message: 'Conflicts with an existing record' };
  }
  if (isBodyParserError(err)) {
    return { statusCode: err.status, message: err.type === 'entity.too.large' ? 'Request body too large' : 'Malformed request body' };
  }
  logger.error(err);
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
}

function isBodyParserError(err: unknown): err is { status: number; type: string } {
  return !!err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number' && typeof (err as { type?: unknown }).type === 'string';
}
