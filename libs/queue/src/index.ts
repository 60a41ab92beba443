export * from './job-queue.port';
export { DeadLetterStore, type QueueLog } from './dead-letters';
export { MemoryJobQueue } from './memory-job-queue';
export { BullmqJobQueue, redisConnectionOptions, WORKER_LOCKS } from './bullmq-job-queue';
export { closeWithin, QUEUE_SHUTDOWN_GRACE_MS } from './bounded-close';
export * from './scheduler.port';
export { QueueScheduler, schedulerOn, schedulerProvider } from './queue-scheduler';
