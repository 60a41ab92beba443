import type { InboundSink } from './inbound-sink.port';

/**
 * A way messages arrive that Parley runs itself instead of being called by a webhook: a Telegram
 * getUpdates loop, an IMAP mailbox, the SMTP port. What it receives goes to the sink (the one
 * ingest pipeline); it never writes conversations itself.
 */
export interface InboundSource {
  /** One running source per key (`telegram:<inbox id>`, `imap:<inbox id>`, `smtp`). */
  readonly key: string;
  /** The settings it runs with: when they change, the source is stopped and the new one started. */
  readonly fingerprint: string;
  start(sink: InboundSink): Promise<void> | void;
  /** Resolves once it has let go (loop ended, port closed); what it took but did not store is taken again later. */
  stop(): Promise<void>;
}

/** One kind of source (an adapter's), and which of its sources the inboxes need now. */
export interface InboundSourceProvider {
  /** In logs, and the prefix of its sources' keys. */
  readonly name: string;
  /** `worker`: a poller, run by worker processes; `api`: a listener on a port, run by api nodes. */
  readonly role: 'worker' | 'api';
  wanted(): Promise<InboundSource[]>;
}

/** The providers a process composes (each adapter contributes its own); see InboundSourceRegistry. */
export const INBOUND_SOURCE_PROVIDERS = Symbol('INBOUND_SOURCE_PROVIDERS');

export interface SourceLog {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * The sources of one process: `sync` makes the running ones match what the providers want now
 * (starts new ones, restarts changed ones, stops the rest). A provider that cannot say (its
 * inboxes unreadable for a moment) keeps its sources as they are.
 */
export class InboundSourceRegistry {
  private readonly running = new Map<string, { provider: string; source: InboundSource }>();
  private syncing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly providers: InboundSourceProvider[],
    private readonly sink: InboundSink,
    private readonly logger: SourceLog,
  ) {}

  get keys(): string[] {
    return [...this.running.keys()];
  }

  /** One sync at a time; a call during one waits for it. */
  sync(): Promise<void> {
    this.syncing ??= this.reconcile().finally(() => (this.syncing = null));
    return this.syncing;
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await this.syncing;
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map(({ source }) => this.stopOne(source)));
  }

  private async reconcile(): Promise<void> {
    for (const provider of this.providers) {
      let wanted: InboundSource[];
      try {
        wanted = await provider.wanted();
      } catch (err) {
        this.logger.warn(`${provider.name}: could not read the inboxes: ${String((err as Error)?.message ?? err)}`);
        continue;
      }
      const byKey = new Map(wanted.map((s) => [s.key, s]));
      for (const [key, { provider: owner, source }] of this.running) {
        if (owner !== provider.name) continue;
        if (byKey.get(key)?.fingerprint === source.fingerprint) continue;
        this.running.delete(key);
        await this.stopOne(source);
      }
      for (const source of wanted) {
        if (this.stopped || this.running.has(source.key)) continue;
        this.running.set(source.key, { provider: provider.name, source });
        try {
          await source.start(this.sink);
          this.logger.log(`${source.key}: receiving`);
        } catch (err) {
          // Not kept as running: the next sync tries again.
          this.running.delete(source.key);
          this.logger.warn(`${source.key}: could not start: ${String((err as Error)?.message ?? err)}`);
        }
      }
    }
  }

  private async stopOne(source: InboundSource): Promise<void> {
    await source.stop().catch((err) => this.logger.warn(`${source.key}: did not stop cleanly: ${String((err as Error)?.message ?? err)}`));
  }
}
