export * from './job-queue.port';
export { MemoryJobQueue } from './memory-job-queue';
export { BullmqJobQueue, redisConnectionOptions } from './bullmq-job-queue';
