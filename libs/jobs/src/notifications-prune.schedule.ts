import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { NotificationCentreService } from '@parley/notifications';
import { SCHEDULER, type Scheduler } from '@parley/queue';

const PRUNE_EVERY_MS = 60 * 60_000;

/** Once an hour, in one worker: each agent's notification centre is cut back to its last 100. */
@Injectable()
export class NotificationsPruneSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('notifications-prune');

  constructor(
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    private readonly centre: NotificationCentreService,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.every('notifications-prune', PRUNE_EVERY_MS, async () => {
      const dropped = await this.centre.prune();
      if (dropped) this.logger.log({ dropped }, 'old notifications dropped');
    }).catch((err: Error) => this.logger.error({ error: String(err?.message ?? err) }, 'notification pruning not scheduled'));
  }
}
