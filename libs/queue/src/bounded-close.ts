/** Something with a graceful close and a hard way out (a BullMQ Worker or Queue). */
export interface Closable {
  close(): Promise<unknown>;
  disconnect(): Promise<unknown>;
}

/**
 * How long shutdown waits for running jobs before it lets go (QUEUE_SHUTDOWN_GRACE_MS). A job
 * still running then is not lost: its lock lapses and another worker's stalled check runs it
 * again, and the handlers are idempotent (see WORKER_LOCKS).
 */
export const QUEUE_SHUTDOWN_GRACE_MS = Number(process.env.QUEUE_SHUTDOWN_GRACE_MS ?? 10_000);

/**
 * A graceful close that cannot hang shutdown: BullMQ's close waits for the running jobs and
 * quits its Redis connections, and either can wait for ever (a connection that lost its Redis
 * mid-reconnect never answers QUIT). After `graceMs` the connections are dropped instead.
 * Resolves true when the close was graceful.
 */
export async function closeWithin(target: Closable, graceMs = QUEUE_SHUTDOWN_GRACE_MS, onTimeout?: () => void): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const graceful = await Promise.race([target.close().then(() => true, () => true), expired]);
  clearTimeout(timer);
  if (graceful) return true;
  onTimeout?.();
  await Promise.race([target.disconnect().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  return false;
}
