import { backoffDelay, isPermanent, PermanentJobError, wantsDeadLetter, withinDeadline } from './job-queue.port';

describe('job retry policy', () => {
  it('doubles the delay on every attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(1000, a))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('recognizes permanent errors so they are not retried', () => {
    expect(isPermanent(new PermanentJobError('opted out'))).toBe(true);
    expect(isPermanent(new Error('timeout'))).toBe(false);
  });
});

describe('withinDeadline', () => {
  it('passes the result through when the work settles in time', async () => {
    await expect(withinDeadline(Promise.resolve('принято'), 1000, 'a job')).resolves.toBe('принято');
  });

  it('reports the queue as unavailable when the work does not settle', async () => {
    const never = new Promise<void>(() => undefined);
    await expect(withinDeadline(never, 10, 'inbound/message')).rejects.toMatchObject({ name: 'QueueUnavailableError', code: 'QUEUE_UNAVAILABLE' });
  });
});

describe('wantsDeadLetter', () => {
  it('keeps a refused inbound message as a dead letter, not an outcome already recorded', () => {
    expect(wantsDeadLetter(Object.assign(new Error('Inbound message refused: the sender is missing'), { permanent: true, deadLetter: true }))).toBe(true);
    expect(wantsDeadLetter(new PermanentJobError('opted out'))).toBe(false);
    expect(wantsDeadLetter(undefined)).toBe(false);
  });
});
