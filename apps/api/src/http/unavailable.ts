/** Seconds a client is asked to wait (Retry-After) while the database or Redis is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket-level codes: the server is not there (down, restarting, unreachable). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs that mean "not now", not "bad request": class 08 (connection exception),
 * 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now), 53300 (too many connections).
 * SQLITE_BUSY: another process holds the write lock for longer than the busy timeout.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const DATABASE_CODES = /^(08...|57P0[123]|53300|SQLITE_BUSY)$/;

const MESSAGES = new RegExp([
  'Connection terminated', // pg: the server went away mid-query
  'terminating connection', // pg 57P01 text
  'the database system is (starting up|shutting down|in recovery mode)',
  'is not currently accepting connections', // pg 55000: ALTER DATABASE … ALLOW_CONNECTIONS false
  'timeout exceeded when trying to connect', // pg pool
  'Connection is closed', // ioredis, BullMQ's ConnectionClosedError
  'max retries per request', // ioredis MaxRetriesPerRequestError
  "Stream isn't writeable", // ioredis with the offline queue off
  'Connection is not established', // TypeORM
  'not connected', // TypeORM CannotExecuteNotConnectedError and friends
].join('|'), 'i');

const NAMES = new Set(['QueueUnavailableError', 'QueryRunnerAlreadyReleasedError', 'MaxRetriesPerRequestError', 'ConnectionClosedError', 'CannotExecuteNotConnectedError', 'ConnectionIsNotSetError', 'CannotGetEntityManagerNotConnectedError']);

/**
 * Whether an error means a backing service (PostgreSQL, SQLite's lock, Redis, BullMQ) is
 * unavailable: the request may succeed later, so it is a 503 with Retry-After, not a 500.
 * Looks through TypeORM's `driverError`, `cause` and AggregateError's `errors` (pg's connect
 * tries IPv6 and IPv4 and reports both).
 */
export function isServiceUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, name, message, driverError, cause, errors } = e as Record<string, unknown>;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || DATABASE_CODES.test(code))) return true;
    if (typeof name === 'string' && NAMES.has(name)) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    stack.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}
