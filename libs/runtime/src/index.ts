export * from './config';
export * from './runtime.module';
export * from './realtime.hub';
export * from './secrets.service';
export * from './secret-envelope';
export * from './encryption-key';
export * from './redis-durability.check';
export * from './logging';
