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
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    if (err instanceof HttpException) {
      status = err.getStatus();
      const body = err.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message ?? err.message;
      message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    } else if (err instanceof QueryFailedError && /unique|duplicate/i.test(err.message)) {
      status = HttpStatus.CONFLICT;
      message = 'Conflicts with an existing record';
    } else if (isBodyParserError(err)) {
      status = err.status;
      message = err.type === 'entity.too.large' ? 'Request body too large' : 'Malformed request body';
    } else {
      this.logger.error(err);
    }
    if (!res.headersSent) res.status(status).json({ statusCode: status, message });
  }
}

function isBodyParserError(err: unknown): err is { status: number; type: string } {
  return !!err && typeof err === 'object' && typeof (err as { status?: unknown }).status === 'number' && typeof (err as { type?: unknown }).type === 'string';
}
