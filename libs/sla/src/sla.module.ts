import { Module } from '@nestjs/common';
import { RoutingModule } from '@parley/routing';
import { SLA_POLICIES_REPOSITORY } from './ports/sla-policies.repository';
import { SLA_REPOSITORY } from './ports/sla.repository';
import { SUPERVISOR_REPOSITORY } from './ports/supervisor.repository';
import { XLA_REPOSITORY } from './ports/xla.repository';
import { SLA_CLOCK, systemClock } from './sla-clock.port';
import { SlaEventListener } from './sla-event.listener';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaScheduler, SlaTimerArming } from './sla-scheduler';
import { SlaEscalationService } from './sla-escalation.service';
import { SlaService } from './sla.service';
import { SupervisorService } from './supervisor.service';
import { TypeOrmSlaPoliciesRepository } from './typeorm-sla-policies.repository';
import { TypeOrmSlaRepository } from './typeorm-sla.repository';
import { TypeOrmSupervisorRepository } from './typeorm-supervisor.repository';
import { TypeOrmXlaRepository } from './typeorm-xla.repository';
import { XlaEventListener } from './xla-event.listener';
import { XlaService } from './xla.service';

const REPOSITORIES = [
  { provide: SLA_REPOSITORY, useClass: TypeOrmSlaRepository },
  { provide: SLA_POLICIES_REPOSITORY, useClass: TypeOrmSlaPoliciesRepository },
  { provide: XLA_REPOSITORY, useClass: TypeOrmXlaRepository },
  { provide: SUPERVISOR_REPOSITORY, useClass: TypeOrmSupervisorRepository },
];

@Module({
  imports: [RoutingModule],
  providers: [
    { provide: SLA_CLOCK, useValue: systemClock }, ...REPOSITORIES,
    SlaPoliciesService, SlaService, SlaEscalationService, SlaTimerArming, XlaService, SupervisorService, SlaEventListener, XlaEventListener,
  ],
  // The worker's SlaScheduler sweeps through the SLA repository.
  exports: [SLA_CLOCK, SLA_REPOSITORY, SlaPoliciesService, SlaService, XlaService, SupervisorService, RoutingModule],
})
export class SlaModule {}

/** What processes with the worker role add: the deadline scheduler (SLA reacts to events through SlaEventListener). */
@Module({
  imports: [SlaModule],
  providers: [SlaScheduler],
})
export class SlaWorkerModule {}
