import { DynamicModule, Inject, Injectable, Logger, Module, type ModuleMetadata, OnApplicationBootstrap, OnApplicationShutdown, type Type } from '@nestjs/common';
import { INBOUND_SINK, INBOUND_SOURCE_PROVIDERS, type InboundSink, InboundSourceRegistry, type InboundSourceProvider } from '@parley/channels-core';

/** How soon a new or changed inbox (saved on any api node) starts, restarts or stops its source here. */
const SYNC_EVERY_MS = 3_000;
const ROLE = Symbol('INBOUND_SOURCES_ROLE');

/**
 * The one runner of inbound sources (Telegram long polling, IMAP mailboxes, the SMTP port): in a
 * worker it runs the pollers, on an api node the listeners; no adapter-specific code here.
 * Its re-sync is a per-process heartbeat, not a repeating scheduler job: the sources run in this
 * process, so only this process can start or stop them (a job taken by one worker would leave the
 * others' sources as they were).
 */
@Injectable()
export class InboundSourcesRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('inbound-sources');
  private readonly registry: InboundSourceRegistry;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(INBOUND_SOURCE_PROVIDERS) providers: (InboundSourceProvider | null)[],
    @Inject(INBOUND_SINK) sink: InboundSink,
    @Inject(ROLE) role: InboundSourceProvider['role'],
  ) {
    const mine = providers.filter((p): p is InboundSourceProvider => !!p && p.role === role);
    this.registry = new InboundSourceRegistry(mine, sink, { log: (m) => this.logger.log(m), warn: (m) => this.logger.warn(m) });
  }

  /** The keys of the sources running in this process (tests, health). */
  get running(): string[] {
    return this.registry.keys;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => void this.registry.sync(), SYNC_EVERY_MS);
    this.timer.unref();
    // Awaited: once the app has started, its SMTP port listens.
    await this.registry.sync();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.registry.stopAll();
  }
}

/**
 * Runs the sources of `role`: `providers` are the adapters' source providers (from `imports`),
 * `sink` the module that provides INBOUND_SINK (the conversations capability, chosen by the app).
 */
@Module({})
export class InboundSourcesModule {
  static run(
    role: InboundSourceProvider['role'],
    sources: { imports: NonNullable<ModuleMetadata['imports']>; providers: Type<InboundSourceProvider>[] },
    sink: NonNullable<ModuleMetadata['imports']>[number],
  ): DynamicModule {
    return {
      module: InboundSourcesModule,
      imports: [sink, ...sources.imports],
      providers: [
        { provide: ROLE, useValue: role },
        { provide: INBOUND_SOURCE_PROVIDERS, inject: sources.providers, useFactory: (...providers: InboundSourceProvider[]) => providers },
        InboundSourcesRunner,
      ],
      exports: [InboundSourcesRunner],
    };
  }
}
