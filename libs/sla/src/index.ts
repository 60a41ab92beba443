export * from './sla.module';
export * from './sla.service';
export * from './xla.service';
export * from './sla-policies.service';
export * from './supervisor.service';
export * from './sla-scheduler';
export * from './sla-clock.port';
export * from './ports/sla.repository';
