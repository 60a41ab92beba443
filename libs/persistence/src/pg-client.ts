import { Client } from 'pg';

type Callback = (err: Error | null, result: unknown) => void;
type QueryArgs = [config: unknown, values?: unknown, callback?: unknown];
const callbackQuery = Client.prototype.query as unknown as (this: Client, ...args: QueryArgs) => unknown;

/**
 * node-postgres's Client, whose promise-returning `query()` goes through the callback form.
 *
 * The promise form (`client.query(sql, params)` without a callback, which is how TypeORM calls it)
 * made each query's result outlive its request: with it, 35–40 % of the api's young-generation
 * collections promoted 1.3–2 MB (the rows, their strings and Dates) for the first thousand or so
 * requests of a process, and each of those collections took 3–4 ms instead of about 1. The
 * callback form, wrapped in a promise of our own, promoted almost nothing from the first request
 * (`node tools/bench/gc-promotion.mjs`: on a bare Express + TypeORM server, 30 of 32 scavenges
 * promoted more than 500 KB over 2,500 pages, against 1 of 40 with this client). Errors keep pg's own treatment: the stack is replaced by one that leads back to the
 * caller instead of to the socket read.
 *
 * Handed to the pool as its `Client` (TypeORM passes `extra` through to `new pg.Pool()`).
 */
export class PromiseViaCallbackClient extends Client {}

function query(this: Client, ...args: QueryArgs): unknown {
  const [config, values, callback] = args;
  const submittable = typeof (config as { submit?: unknown } | null)?.submit === 'function';
  if (submittable || typeof values === 'function' || typeof callback === 'function') return callbackQuery.apply(this, args);
  return new Promise((resolve, reject) => {
    const done: Callback = (err, res) => (err ? reject(err) : resolve(res));
    callbackQuery.call(this, config, values, done);
  }).catch((err: Error) => {
    Error.captureStackTrace(err);
    throw err;
  });
}
PromiseViaCallbackClient.prototype.query = query as Client['query'];
