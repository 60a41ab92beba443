export * from './config';
export * from './runtime.module';
export * from './realtime.hub';
export * from './secrets.service';
export * from './redis-durability.check';
