import { HttpException, HttpStatus } from '@nestjs/common';
import { errorText, type ErrorCode } from './error-catalogue';

/**
 * An error thrown by code and values instead of a sentence: the filter words it in the request's
 * language. Its English text stays the response's `message` for anyone reading the raw exception.
 */
export class LocalizedException extends HttpException {
  constructor(status: HttpStatus, readonly code: ErrorCode, readonly params: Record<string, unknown> = {}) {
    super({ statusCode: status, message: errorText('en', `errors.${code}`, params) }, status);
  }
}
