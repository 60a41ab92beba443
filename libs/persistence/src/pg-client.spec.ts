type Callback = (err: Error | null, result?: unknown) => void;
const calls: unknown[][] = [];
let answer: { err: Error | null; result?: unknown } = { err: null };

// pg's Client, reduced to its callback form: it records each call and answers on a later turn, as a socket would.
jest.mock('pg', () => ({
  Client: class {
    query(...args: unknown[]): unknown {
      calls.push(args);
      const callback = args.find((a): a is Callback => typeof a === 'function');
      if (callback) setImmediate(() => callback(answer.err, answer.result));
      return 'from pg';
    }
  },
}));

import { PromiseViaCallbackClient } from './pg-client';

describe('PromiseViaCallbackClient', () => {
  beforeEach(() => {
    calls.length = 0;
    answer = { err: null };
  });

  it('answers a promise query through the callback form', async () => {
    answer = { err: null, result: { rows: [{ id: 1 }] } };
    const client = new PromiseViaCallbackClient();
    await expect(client.query('SELECT $1', [1])).resolves.toEqual({ rows: [{ id: 1 }] });
    expect(calls).toHaveLength(1);
    expect(calls[0].slice(0, 2)).toEqual(['SELECT $1', [1]]);
    expect(typeof calls[0][2]).toBe('function');
  });

  it("rejects with the server's error, its stack leading back to the caller", async () => {
    answer = { err: new Error('relation "nope" does not exist') };
    const client = new PromiseViaCallbackClient();
    const err: Error = await client.query('SELECT * FROM nope').then(() => { throw new Error('resolved'); }, (e: Error) => e);
    expect(err.message).toBe('relation "nope" does not exist');
    expect(err.stack).toContain('pg-client.spec');
  });

  it("leaves pg's own forms alone: a callback, values then callback, and a submittable query", () => {
    const client = new PromiseViaCallbackClient();
    const callback = jest.fn();
    const submittable = { submit: () => undefined };
    expect(client.query('SELECT 1', callback)).toBe('from pg');
    expect(client.query('SELECT $1', [1], callback)).toBe('from pg');
    expect(client.query(submittable)).toBe('from pg');
    expect(calls).toEqual([['SELECT 1', callback], ['SELECT $1', [1], callback], [submittable]]);
  });
});
