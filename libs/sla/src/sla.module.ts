import { Module } from '@nestjs/common';
import { schedulerProvider, SCHEDULER } from '@parley/queue';
import { RoutingModule } from '@parley/routing';
import { SLA_CLOCK, systemClock } from './sla-clock.port';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaScheduler, SlaTimerArming } from './sla-scheduler';
import { SlaService } from './sla.service';
import { SupervisorService } from './supervisor.service';
import { XlaService } from './xla.service';

@Module({
  imports: [RoutingModule],
  providers: [{ provide: SLA_CLOCK, useValue: systemClock }, schedulerProvider, SlaPoliciesService, SlaService, SlaTimerArming, XlaService, SupervisorService],
  exports: [SLA_CLOCK, SCHEDULER, SlaPoliciesService, SlaService, XlaService, SupervisorService, RoutingModule],
})
export class SlaModule {}

/** What processes with the worker role add: the deadline scheduler (the follow-up jobs are the worker app's). */
@Module({
  imports: [SlaModule],
  providers: [SlaScheduler],
})
export class SlaWorkerModule {}
