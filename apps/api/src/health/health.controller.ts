import { Controller, Get, HttpException, HttpStatus, Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { databaseKind } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { Public } from '../auth/auth.decorators';
import { probeDatabase, RedisProbe } from './dependency-probe';

export interface HealthReport {
  status: 'ok';
  database: 'sqlite' | 'postgres';
  queue: 'memory' | 'redis';
}

/**
 * What the load balancer and `docker compose` ask before sending traffic: 200 only when this node
 * reaches its database and, with REDIS_URL, Redis (queue and live fan-out); 503 otherwise, naming
 * what is down, so a node cut off from either is taken out of rotation.
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: RedisProbe | undefined;
  private readonly logger = new Logger('Health');

  constructor(private readonly db: DataSource, @Inject(JOB_QUEUE) private readonly queue: JobQueue, @Inject(CONFIG) private readonly config: ParleyConfig) {
    this.redis = config.redisUrl ? new RedisProbe(config.redisUrl) : undefined;
  }

  @Public()
  @Get()
  async health(): Promise<HealthReport> {
    const [database, redis] = await Promise.allSettled([probeDatabase(this.db), this.redis?.ping()]);
    const down = { database, redis };
    const failed = (Object.keys(down) as Array<keyof typeof down>).filter((name) => down[name].status === 'rejected');
    if (failed.length) {
      // The reasons (host names, ports) go to the log, not to whoever can reach /health.
      for (const name of failed) this.logger.warn(`/health: ${name} unreachable: ${((down[name] as PromiseRejectedResult).reason as Error).message}`);
      throw new HttpException({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, message: `Unavailable: ${failed.join(', ')}`, database: database.status === 'fulfilled' ? 'up' : 'down', redis: !this.redis ? 'unused' : redis.status === 'fulfilled' ? 'up' : 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: databaseKind(this.config.databaseUrl), queue: this.queue.kind };
  }

  onModuleDestroy(): void {
    this.redis?.close();
  }
}
