import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LoggerModule, Logger } from 'nestjs-pino';
import { loadConfig, pinoHttpParams, QuietStartupLogger, RuntimeModule } from '@parley/runtime';
import { startWorkerHealth } from './worker-health';
import { WorkerModule } from './worker.module';

/** A worker-only process (PARLEY_ROLE=worker): queue processors, no HTTP. Needs REDIS_URL. */
export async function startWorker(): Promise<void> {
  const config = { ...loadConfig(), role: 'worker' as const };
  if (!config.redisUrl) throw new Error('A separate worker process needs REDIS_URL; without it run PARLEY_ROLE=all');

  @Module({
    imports: [LoggerModule.forRoot({ pinoHttp: pinoHttpParams({ level: config.logLevel }) }), RuntimeModule.forRoot(config), WorkerModule],
  })
  class WorkerAppModule {}

  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true });
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.enableShutdownHooks();
  const health = await startWorkerHealth(app);
  // The health server must not keep a stopping worker alive.
  if (health) for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void health.close());
}

