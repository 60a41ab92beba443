import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ATTACHMENT_SINK, ATTACHMENT_STORE, AttachmentStorePort, CHANNEL_ADAPTERS, ChannelAdapter, INBOX_DIRECTORY, InboxDirectory, REALTIME,
  STORED_MESSAGE_LOOKUP, StoredMessageLookup,
} from '@parley/channels-core';
import { WebchatAdapter } from '@parley/channels-webchat';
import { TelegramAdapter } from '@parley/channels-telegram';
import { VkAdapter } from '@parley/channels-vk';
import { TWILIO_OPTIONS, TwilioSmsAdapter, TwilioWhatsAppAdapter } from '@parley/channels-twilio';
import { EmailAdapter } from '@parley/channels-email';
import { VIBER_OPTIONS, ViberAdapter } from '@parley/channels-viber';
import { InstagramAdapter, META_OPTIONS, MessengerAdapter } from '@parley/channels-meta';
import {
  AttachmentStore, dataSourceOptions, InboxDirectoryRepository, MAX_ATTACHMENT_BYTES, openDatabase, StoredMessageLookupRepository,
  useSecretCipher,
} from '@parley/persistence';
import { DomainEventListeners } from '@parley/domain';
import { BullmqJobQueue, DeadLetterStore, JOB_QUEUE, JobQueue, MemoryJobQueue, SCHEDULER, schedulerProvider } from '@parley/queue';
import { CONFIG, type ParleyConfig } from './config';
import { loadKeyRing } from './encryption-key';
import { EnvelopeCipher } from './secret-envelope';
import { RealtimeHub } from './realtime.hub';
import { checkRedisDurability } from './redis-durability.check';
import { SecretsService } from './secrets.service';
import { AttachmentLinkKey } from './attachment-link-key';

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
          dataSourceFactory: (options) => {
            // Before the database opens: the migration that seals clear secrets needs the key.
            useSecretCipher(secretCipherFor(config));
            return openDatabase(options!);
          },
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: JOB_QUEUE,
          inject: [DataSource],
          useFactory: (db: DataSource): JobQueue => {
            const dead = new DeadLetterStore(db, new Logger('queue'));
            if (!config.redisUrl) return new MemoryJobQueue(db, dead);
            void checkRedisDurability(config.redisUrl);
            return new BullmqJobQueue(config.redisUrl, dead);
          },
        },
        // The one Scheduler of the process, on the queue above (timers and repeating duties of every capability).
        schedulerProvider,
        RealtimeHub,
        { provide: REALTIME, useExisting: RealtimeHub },
        SecretsService,
        AttachmentStore,
        { provide: ATTACHMENT_SINK, useExisting: AttachmentStore },
        // A factory rather than useExisting: the compiler then checks that the store fits the port.
        { provide: ATTACHMENT_STORE, inject: [AttachmentStore], useFactory: (store: AttachmentStore): AttachmentStorePort => store },
        InboxDirectoryRepository,
        { provide: INBOX_DIRECTORY, inject: [InboxDirectoryRepository], useFactory: (inboxes: InboxDirectoryRepository): InboxDirectory => inboxes },
        StoredMessageLookupRepository,
        {
          provide: STORED_MESSAGE_LOOKUP,
          inject: [StoredMessageLookupRepository],
          useFactory: (messages: StoredMessageLookupRepository): StoredMessageLookup => messages,
        },
        AttachmentLinkKey,
        WebchatAdapter,
        {
          provide: TWILIO_OPTIONS,
          useValue: { publicUrl: config.publicUrl, defaultPhoneRegion: config.defaultPhoneRegion, maxMediaBytes: MAX_ATTACHMENT_BYTES },
        },
        TwilioSmsAdapter,
        TwilioWhatsAppAdapter,
        TelegramAdapter,
        EmailAdapter,
        { provide: VIBER_OPTIONS, useValue: { publicUrl: config.publicUrl, maxMediaBytes: MAX_ATTACHMENT_BYTES } },
        ViberAdapter,
        VkAdapter,
        { provide: META_OPTIONS, useValue: { publicUrl: config.publicUrl, maxMediaBytes: MAX_ATTACHMENT_BYTES } },
        MessengerAdapter,
        InstagramAdapter,
        {
          provide: CHANNEL_ADAPTERS,
          inject: [WebchatAdapter, TwilioSmsAdapter, TwilioWhatsAppAdapter, TelegramAdapter, EmailAdapter, ViberAdapter, VkAdapter, MessengerAdapter, InstagramAdapter],
          useFactory: (...adapters: ChannelAdapter[]) => adapters,
        },
        // One per process: each capability registers its domain event listeners here (libs/jobs dispatches).
        { provide: DomainEventListeners, useFactory: () => new DomainEventListeners() },
      ],
      exports: [DomainEventListeners, CONFIG, JOB_QUEUE, SCHEDULER, RealtimeHub, REALTIME, SecretsService, AttachmentStore, ATTACHMENT_STORE, INBOX_DIRECTORY, STORED_MESSAGE_LOOKUP, CHANNEL_ADAPTERS],
    };
  }

  /** Before the database and sockets close: running jobs finish and can still store and emit. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** The cipher for secrets at rest (see `encryption-key.ts`); refuses to start in production without a key. */
export function secretCipherFor(config: Pick<ParleyConfig, 'encryption' | 'databaseUrl'>): EnvelopeCipher {
  const { ring, source } = loadKeyRing(config.encryption, config.databaseUrl);
  new Logger('secrets').log(`secrets at rest sealed with key ${ring.current.id} (from ${source}; ${ring.keys.length} key(s) readable)`);
  return new EnvelopeCipher(ring);
}
