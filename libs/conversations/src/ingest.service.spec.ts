import { QueryFailedError } from 'typeorm';
import { refusedForItsData } from './ingest.service';

describe('which group commit failures are split to find the message', () => {
  const refusedBy = (code: string) => new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), { code }));

  it('splits a batch PostgreSQL refused for a value one message holds', () => {
    expect(refusedForItsData(refusedBy('22021'))).toBe(true); // invalid byte sequence (a NUL)
    expect(refusedForItsData(refusedBy('22001'))).toBe(true); // value too long for the column
    expect(refusedForItsData(refusedBy('23514'))).toBe(true); // check constraint
    expect(refusedForItsData(refusedBy('54000'))).toBe(true); // index row too large
    expect(refusedForItsData(refusedBy('P0001'))).toBe(true); // raised by a trigger
    expect(refusedForItsData(Object.assign(new Error('poison message'), { code: 'SQLITE_CONSTRAINT_TRIGGER' }))).toBe(true);
    expect(refusedForItsData(new TypeError("Cannot read properties of undefined (reading 'trim')"))).toBe(true);
  });

  it('fails a batch at once when the database itself is away', () => {
    expect(refusedForItsData(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(refusedForItsData(refusedBy('57P01'))).toBe(false); // terminating connection due to administrator command
    expect(refusedForItsData(refusedBy('08006'))).toBe(false); // connection failure
    expect(refusedForItsData(refusedBy('53300'))).toBe(false); // too many connections
    expect(refusedForItsData(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('leaves a unique violation to each message\'s own duplicate handling', () => {
    expect(refusedForItsData(refusedBy('23505'))).toBe(false);
    expect(refusedForItsData(refusedBy('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
  });
});
