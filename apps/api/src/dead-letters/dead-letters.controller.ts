import { BadRequestException, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DeadLetterDto } from '@parley/contracts';
import { DeadLetter, JOB_QUEUE, JobQueue } from '@parley/queue';
import { RequireRole } from '../auth/auth.decorators';
import { IdPipe } from '../http/id.pipe';
import { redactSecrets } from './redact-secrets';

/** Jobs that failed for good, for an admin to look at and send through again once the cause is fixed. */
@ApiTags('dead-letters')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  @Get()
  @ApiQuery({ name: 'limit', required: false, description: '1–200, newest first; default 50' })
  async list(@Query('limit') limit?: string): Promise<DeadLetterDto[]> {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200) throw new BadRequestException('limit must be a whole number from 1 to 200');
    return (await this.queue.deadLetters(n)).map(toDto);
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', IdPipe) id: string): Promise<DeadLetterDto> {
    const outcome = await this.queue.replay(id);
    if (outcome.status === 'unknown') throw new NotFoundException('Unknown dead letter');
    if (outcome.status === 'already-replayed') throw new ConflictException('This job was replayed already; a new failure makes a new dead letter');
    return toDto({ ...outcome.deadLetter, replayedAt: outcome.deadLetter.replayedAt ?? new Date() });
  }
}

function toDto(d: DeadLetter): DeadLetterDto {
  return {
    id: d.id,
    queue: d.queue,
    name: d.name,
    jobId: d.jobId,
    data: redactSecrets(d.data) as Record<string, unknown>,
    attempts: d.attempts,
    error: d.error,
    failedAt: d.failedAt.toISOString(),
    replayedAt: d.replayedAt ? d.replayedAt.toISOString() : null,
  };
}
