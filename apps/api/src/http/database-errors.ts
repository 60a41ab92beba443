import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { ErrorBody } from './http-exception.filter';

/**
 * A query the database refused because of the values in it: the validation that should have
 * caught them missed a case, and the client still deserves a 4xx rather than a 500.
 * PostgreSQL class 22 (data exception: out of range, too long, bad encoding, bad date), 23
 * (integrity); SQLite's constraint and size errors.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function databaseErrorBody(err: unknown): Omit<ErrorBody, 'code'> | undefined {
  if (!(err instanceof QueryFailedError)) return undefined;
  const driver = (err as QueryFailedError & { driverError?: { code?: unknown } }).driverError;
  const code = typeof driver?.code === 'string' ? driver.code : '';
  if (code === '23505' || /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(code) || /unique|duplicate/i.test(err.message)) {
    return { statusCode: HttpStatus.CONFLICT, message: 'Conflicts with an existing record' };
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { statusCode: HttpStatus.BAD_REQUEST, message: 'Refers to a record that does not exist' };
  }
  // An id that is not a UUID reached a uuid column (PostgreSQL): the same answer as IdPipe's.
  const uuid = code === '22P02' && /invalid input syntax for type uuid: "(.*)"$/s.exec(err.message);
  if (uuid) return { statusCode: HttpStatus.BAD_REQUEST, message: `Malformed id: ${uuid[1].slice(0, 60)}` };
  if (/^2[23]...$/.test(code) || /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code)) {
    return { statusCode: HttpStatus.BAD_REQUEST, message: 'A value is missing, out of range or malformed' };
  }
  return undefined;
}
