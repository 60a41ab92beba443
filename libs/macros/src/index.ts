export * from './macros.module';
export * from './macros.service';
export * from './macro-runs.service';
export * from './macro-checks.service';
export * from './macro-applier.service';
export * from './ports/macros.repository';
export * from './ports/macro-targets.port';
