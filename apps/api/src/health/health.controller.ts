import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { databaseKind } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { Public } from '../auth/auth.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource, @Inject(JOB_QUEUE) private readonly queue: JobQueue, @Inject(CONFIG) private readonly config: ParleyConfig) {}

  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; database: 'sqlite' | 'postgres'; queue: 'memory' | 'redis' }> {
    await this.db.query('SELECT 1');
    return { status: 'ok', database: databaseKind(this.config.databaseUrl), queue: this.queue.kind };
  }
}
