import { QueryFailedError } from 'typeorm';
import { isServiceUnavailable } from './unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isServiceUnavailable', () => {
  it('recognises PostgreSQL going away', () => {
    expect(isServiceUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isServiceUnavailable(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''))).toBe(true);
    const terminated = withCode('terminating connection due to administrator command', '57P01');
    expect(isServiceUnavailable(new QueryFailedError('SELECT 1', [], terminated))).toBe(true);
    expect(isServiceUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isServiceUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
  });

  it('recognises Redis and BullMQ going away', () => {
    expect(isServiceUnavailable(new Error('Connection is closed.'))).toBe(true);
    const maxRetries = new Error('Reached the max retries per request limit (which is 20).');
    maxRetries.name = 'MaxRetriesPerRequestError';
    expect(isServiceUnavailable(maxRetries)).toBe(true);
  });

  it('recognises a transaction whose connection died under it, and a queue that did not take a job in time', () => {
    // TypeORM releases the query runner when its connection errors; the COMMIT then never reaches PostgreSQL.
    const released = new Error('Query runner already released. Cannot run queries anymore.');
    released.name = 'QueryRunnerAlreadyReleasedError';
    expect(isServiceUnavailable(released)).toBe(true);
    const late = new Error('The job queue did not take delivery/deliver within 5000 ms');
    late.name = 'QueueUnavailableError';
    expect(isServiceUnavailable(late)).toBe(true);
  });

  it('leaves real bugs and bad input alone', () => {
    expect(isServiceUnavailable(new TypeError("Cannot read properties of undefined (reading 'trim')"))).toBe(false);
    expect(isServiceUnavailable(new QueryFailedError('INSERT', [], withCode('value too long for type character varying(255)', '22001')))).toBe(false);
    expect(isServiceUnavailable(undefined)).toBe(false);
  });
});
