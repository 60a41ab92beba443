import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PresenceService, RoutingDecisionService } from '@parley/routing';
import { SCHEDULER, type Scheduler } from '@parley/queue';

/** Within this a closed console tab stops counting as online, and a queued conversation meets a freed agent. */
const DRAIN_EVERY_MS = 5_000;

/**
 * Routing's safety nets, once across all workers: stale console tabs swept (a node that died
 * cannot remove its sockets' rows) and team queues drained (capacity freed without a follow-up
 * job, e.g. an agent coming online on another node).
 */
@Injectable()
export class RoutingDrainSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('routing-drain');

  constructor(
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    private readonly routing: RoutingDecisionService,
    private readonly presence: PresenceService,
  ) {}

  onApplicationBootstrap(): void {
    const scheduled = (what: string) => (err: Error) => this.logger.error({ error: String(err?.message ?? err) }, `${what} not scheduled`);
    this.scheduler.every('presence-sweep', DRAIN_EVERY_MS, () => this.presence.sweepStale()).catch(scheduled('stale presence sweep'));
    this.scheduler.every('routing-drain', DRAIN_EVERY_MS, () => this.routing.drain()).catch(scheduled('routing drain'));
  }
}
