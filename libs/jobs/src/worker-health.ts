import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_QUEUE, type JobQueue } from '@parley/queue';

export interface WorkerHealthOptions {
  port: number;
  /** How often a heartbeat job is queued. */
  beatEveryMs?: number;
  /** A worker whose last heartbeat job ran longer ago than this is not taking jobs. */
  staleAfterMs?: number;
}

/**
 * The worker's health check (`GET /health` on WORKER_HEALTH_PORT), for docker compose and
 * orchestrators. A process that is merely alive proves nothing: every few seconds this worker
 * queues a heartbeat job on a queue only it consumes and answers 200 only while those jobs keep
 * being processed (so Redis is reachable and the worker's BullMQ consumers run) and the database
 * answers `SELECT 1`.
 */
export class WorkerHealth {
  private lastJobAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private server: Server | undefined;
  private readonly logger = new Logger('WorkerHealth');
  /** One queue per worker process, so another worker cannot take this one's heartbeats. */
  queueName = '';

  constructor(private readonly db: DataSource, private readonly queue: JobQueue, private readonly opts: WorkerHealthOptions) {}

  async start(): Promise<void> {
    await this.listen();
    // Host and port name this process uniquely on a host and stay the same across its restarts.
    this.queueName = `worker-health.${hostname()}.${this.port}`;
    this.queue.process(this.queueName, async () => {
      this.lastJobAt = Date.now();
    }, { concurrency: 1 });
    const beat = () => this.queue.add(this.queueName, 'heartbeat', {}, { attempts: 1 }).catch(() => undefined);
    void beat();
    this.timer = setInterval(beat, this.opts.beatEveryMs ?? 5000);
    this.timer.unref();
    this.logger.log(`Worker health check on :${this.port}/health`);
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/health') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, message: 'Not found' }));
        return;
      }
      void this.report().then(({ ok, body }) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port, () => resolve());
    });
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : this.opts.port;
  }

  async report(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const database = await deadline(this.db.query('SELECT 1'), 2000).then(() => 'up', () => 'down');
    const lastJobAgoMs = this.lastJobAt ? Date.now() - this.lastJobAt : null;
    const takingJobs = lastJobAgoMs !== null && lastJobAgoMs <= (this.opts.staleAfterMs ?? 20_000);
    const ok = database === 'up' && takingJobs;
    return ok
      ? { ok, body: { status: 'ok', database, queue: 'taking jobs', lastJobAgoMs } }
      : { ok, body: { statusCode: 503, message: `Unavailable: ${[database === 'down' && 'database', !takingJobs && 'no heartbeat job processed recently (Redis or the queue consumers)'].filter(Boolean).join(', ')}`, database, lastJobAgoMs } };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(timer));
}

/** WORKER_HEALTH_PORT (default 3100; 0 picks a free port, "off" disables); WORKER_HEALTH_BEAT_MS (5000): heartbeat period, stale after 4 missed. */
export async function startWorkerHealth(app: INestApplicationContext, env: NodeJS.ProcessEnv = process.env): Promise<WorkerHealth | undefined> {
  const setting = env.WORKER_HEALTH_PORT ?? '3100';
  if (setting === 'off') return undefined;
  const beatEveryMs = Number(env.WORKER_HEALTH_BEAT_MS ?? 5000);
  const health = new WorkerHealth(app.get(DataSource), app.get<JobQueue>(JOB_QUEUE), { port: Number(setting), beatEveryMs, staleAfterMs: 4 * beatEveryMs });
  try {
    await health.start();
    return health;
  } catch (err) {
    // A busy port (two workers on one host with the default) must not stop the worker from working;
    // its health check then fails, which is the truth about it.
    new Logger('WorkerHealth').warn(`No health check on port ${setting}: ${(err as Error).message}; set WORKER_HEALTH_PORT`);
    await health.close();
    return undefined;
  }
}
