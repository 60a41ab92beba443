import { Module } from '@nestjs/common';
import { RoutingModule } from '@parley/routing';
import { SLA_CLOCK, systemClock } from './sla-clock.port';
import { SlaPoliciesService } from './sla-policies.service';
import { SlaScheduler } from './sla-scheduler';
import { SlaService } from './sla.service';
import { SLA_REPOSITORY } from './ports/sla.repository';
import { TypeOrmSlaRepository } from './typeorm-sla.repository';
import { SupervisorService } from './supervisor.service';
import { XlaService } from './xla.service';

@Module({
  imports: [RoutingModule],
  providers: [{ provide: SLA_CLOCK, useValue: systemClock }, { provide: SLA_REPOSITORY, useClass: TypeOrmSlaRepository }, SlaPoliciesService, SlaService, XlaService, SupervisorService],
  exports: [SLA_CLOCK, SlaPoliciesService, SlaService, XlaService, SupervisorService, RoutingModule],
})
export class SlaModule {}

/** What processes with the worker role add: the deadline scheduler (the follow-up jobs are the worker app's). */
@Module({
  imports: [SlaModule],
  providers: [SlaScheduler],
})
export class SlaWorkerModule {}
