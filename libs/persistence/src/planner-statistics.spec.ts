import { keepPlannerStatistics } from './data-source';

interface Connection {
  exec(sql: string): void;
  prepare(sql: string): { run(...v: unknown[]): unknown; all(): unknown[] };
  pragma(s: string): unknown;
  close(): void;
}
// better-sqlite3 ships no types; the test needs a real connection and these few calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string) => Connection;

describe('keepPlannerStatistics (SQLite)', () => {
  it('gathers statistics for the tables that have none when the connection opens', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE conversations (id INTEGER PRIMARY KEY, assignee_id TEXT); CREATE INDEX ix_assignee ON conversations (assignee_id)');
    const insert = db.prepare('INSERT INTO conversations (assignee_id) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(i % 5 ? null : 'agent');
    const timer = keepPlannerStatistics(db);
    clearInterval(timer);
    const stats = db.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'conversations'").all() as { idx: string; stat: string }[];
    expect(stats.map((s) => s.idx)).toContain('ix_assignee');
    expect(stats.find((s) => s.idx === 'ix_assignee')?.stat.split(' ')[0]).toBe('2000');
    db.close();
  });

  it('refreshes them on a timer that does not hold the process, and stops with the connection', () => {
    jest.useFakeTimers();
    try {
      const pragmas: string[] = [];
      const db = { open: true, pragma: (s: string) => pragmas.push(s) };
      const timer = keepPlannerStatistics(db, 1000);
      expect(timer.hasRef()).toBe(false);
      jest.advanceTimersByTime(3000);
      expect(pragmas).toEqual(['optimize = 0x10002', 'optimize', 'optimize', 'optimize']);
      db.open = false;
      jest.advanceTimersByTime(3000);
      expect(pragmas).toHaveLength(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
