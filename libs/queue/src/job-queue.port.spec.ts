import { backoffDelay, isPermanent, PermanentJobError } from './job-queue.port';

describe('job retry policy', () => {
  it('doubles the delay on every attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(1000, a))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('recognizes permanent errors so they are not retried', () => {
    expect(isPermanent(new PermanentJobError('opted out'))).toBe(true);
    expect(isPermanent(new Error('timeout'))).toBe(false);
  });
});
