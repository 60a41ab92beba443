import { Module } from '@nestjs/common';
import { schedulerProvider, SCHEDULER } from '@parley/queue';
import { RoutingModule } from '@parley/routing';
import { SLA_CLOCK, systemClock } from './sla-clock.port';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaScheduler, SlaTimerArming } from './sla-scheduler';
import { SlaEventListener } from './sla-event.listener';
import { SlaService } from './sla.service';
import { SLA_REPOSITORY } from './ports/sla.repository';
import { SLA_POLICIES_REPOSITORY } from './ports/sla-policies.repository';
import { TypeOrmSlaRepository } from './typeorm-sla.repository';
import { TypeOrmSlaPoliciesRepository } from './typeorm-sla-policies.repository';
import { XLA_REPOSITORY } from './ports/xla.repository';
import { TypeOrmXlaRepository } from './typeorm-xla.repository';
import { SupervisorService } from './supervisor.service';
import { XlaEventListener } from './xla-event.listener';
import { XlaService } from './xla.service';

@Module({
  imports: [RoutingModule],
  providers: [
    { provide: SLA_CLOCK, useValue: systemClock }, { provide: SLA_REPOSITORY, useClass: TypeOrmSlaRepository },
    { provide: SLA_POLICIES_REPOSITORY, useClass: TypeOrmSlaPoliciesRepository }, { provide: XLA_REPOSITORY, useClass: TypeOrmXlaRepository },
    schedulerProvider, SlaPoliciesService, SlaService, SlaTimerArming, XlaService, SupervisorService, SlaEventListener, XlaEventListener,
  ],
  exports: [SLA_CLOCK, SCHEDULER, SLA_REPOSITORY, SlaPoliciesService, SlaService, XlaService, SupervisorService, RoutingModule],
})
export class SlaModule {}

/** What processes with the worker role add: the deadline scheduler (SLA reacts to events through SlaEventListener). */
@Module({
  imports: [SlaModule],
  providers: [SlaScheduler],
})
export class SlaWorkerModule {}
