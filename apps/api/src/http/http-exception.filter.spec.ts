import { BadRequestException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { errorBody, errorHeaders } from './http-exception.filter';

const logger = { error: jest.fn(), warn: jest.fn() };
const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('errorBody', () => {
  it('keeps an HttpException as it was thrown', () => {
    expect(errorBody(new BadRequestException(['name must be a string', 'tags must be an array']), logger)).toEqual({ statusCode: 400, code: 'bad_request', message: 'name must be a string; tags must be an array' });
  });

  it('turns what the database refused about the values into a 4xx', () => {
    const tooLong = new QueryFailedError('INSERT', [], driverError('22001', 'value too long for type character varying(255)'));
    const outOfRange = new QueryFailedError('UPDATE', [], driverError('22003', 'integer out of range'));
    const duplicate = new QueryFailedError('INSERT', [], driverError('23505', 'duplicate key value violates unique constraint'));
    const missing = new QueryFailedError('INSERT', [], driverError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed'));
    expect(errorBody(tooLong, logger).statusCode).toBe(400);
    expect(errorBody(outOfRange, logger).statusCode).toBe(400);
    expect(errorBody(duplicate, logger)).toEqual({ statusCode: 409, code: 'record_conflict', message: 'Conflicts with an existing record' });
    expect(errorBody(missing, logger)).toEqual({ statusCode: 400, code: 'record_missing', message: 'Refers to a record that does not exist' });
  });

  it('answers an id that is not a UUID (PostgreSQL 22P02 on a uuid column) as the malformed id it is, in both languages', () => {
    const notUuid = new QueryFailedError('SELECT', [], driverError('22P02', 'invalid input syntax for type uuid: "nope"'));
    expect(errorBody(notUuid, logger)).toEqual({ statusCode: 400, code: 'invalid_id', message: 'Malformed id: nope' });
    expect(errorBody(notUuid, logger, 'ru')).toEqual({ statusCode: 400, code: 'invalid_id', message: 'Неверный идентификатор: nope' });
    const notJson = new QueryFailedError('INSERT', [], driverError('22P02', 'invalid input syntax for type json'));
    expect(errorBody(notJson, logger)).toEqual({ statusCode: 400, code: 'value_invalid', message: 'A value is missing, out of range or malformed' });
  });

  it("names body-parser's refusals", () => {
    expect(errorBody({ status: 415, type: 'encoding.unsupported' }, logger)).toEqual({ statusCode: 415, code: 'unsupported_media_type', message: 'Unsupported Content-Encoding: send the body uncompressed' });
    expect(errorBody({ status: 413, type: 'entity.too.large' }, logger)).toEqual({ statusCode: 413, code: 'payload_too_large', message: 'Request body too large' });
  });

  it('answers 503 with Retry-After while PostgreSQL or Redis is away, and 500 for a bug', () => {
    const down = errorBody(new QueryFailedError('SELECT', [], driverError('57P01', 'terminating connection due to administrator command')), logger);
    expect(down).toEqual({ statusCode: 503, code: 'unavailable', message: 'Temporarily unavailable, please retry' });
    expect(errorBody(new QueryFailedError('SELECT', [], driverError('57P01', 'terminating connection')), logger, 'ru').message).toBe('Сервис временно недоступен, повторите попытку');
    expect(errorHeaders(down)).toEqual({ 'retry-after': '5' });
    const bug = errorBody(new TypeError("Cannot read properties of null (reading 'trim')"), logger);
    expect(bug.statusCode).toBe(500);
    expect(errorHeaders(bug)).toEqual({});
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
