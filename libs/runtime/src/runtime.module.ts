import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHANNEL_ADAPTERS, ChannelAdapter, REALTIME } from '@parley/channels-core';
import { WebchatAdapter } from '@parley/channels-webchat';
import { TelegramAdapter } from '@parley/channels-telegram';
import { TWILIO_OPTIONS, TwilioSmsAdapter, TwilioWhatsAppAdapter } from '@parley/channels-twilio';
import { EmailAdapter } from '@parley/channels-email';
import { AttachmentStore, dataSourceOptions, openDatabase } from '@parley/persistence';
import { BullmqJobQueue, JOB_QUEUE, JobQueue, MemoryJobQueue } from '@parley/queue';
import { CONFIG, type ParleyConfig } from './config';
import { RealtimeHub } from './realtime.hub';
import { checkRedisDurability } from './redis-durability.check';
import { SecretsService } from './secrets.service';

/**
 * What every Parley process needs, chosen from the environment: the database (SQLite or
 * PostgreSQL), the queue (in-process or BullMQ), live fan-out and the channel adapters.
 */
@Global()
@Module({})
export class RuntimeModule implements BeforeApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  static forRoot(config: ParleyConfig): DynamicModule {
    return {
      module: RuntimeModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.databaseUrl),
          // Migrations run at start, never `synchronize`, under a lock when nodes start together.
          dataSourceFactory: (options) => openDatabase(options!),
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: JOB_QUEUE,
          inject: [DataSource],
          useFactory: (db: DataSource): JobQueue => {
            if (!config.redisUrl) return new MemoryJobQueue(db);
            void checkRedisDurability(config.redisUrl);
            return new BullmqJobQueue(config.redisUrl);
          },
        },
        RealtimeHub,
        { provide: REALTIME, useExisting: RealtimeHub },
        SecretsService,
        AttachmentStore,
        WebchatAdapter,
        { provide: TWILIO_OPTIONS, useValue: { publicUrl: config.publicUrl, defaultPhoneRegion: config.defaultPhoneRegion } },
        TwilioSmsAdapter,
        TwilioWhatsAppAdapter,
        TelegramAdapter,
        EmailAdapter,
        {
          provide: CHANNEL_ADAPTERS,
          inject: [WebchatAdapter, TwilioSmsAdapter, TwilioWhatsAppAdapter, TelegramAdapter, EmailAdapter],
          useFactory: (...adapters: ChannelAdapter[]) => adapters,
        },
      ],
      exports: [CONFIG, JOB_QUEUE, RealtimeHub, REALTIME, SecretsService, AttachmentStore, CHANNEL_ADAPTERS],
    };
  }

  /** Before the database and sockets close: running jobs finish and can still store and emit. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
