import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TelegramAdapter, TelegramPolling } from '@parley/channels-telegram';
import { ChannelRegistry, IngestService } from '@parley/conversations';
import { InboxEntity } from '@parley/persistence';

/** How often the inbox list is re-read: inboxes may be changed by an api process elsewhere. */
const RECONCILE_MS = 3000;

/**
 * Telegram inboxes in polling mode (installs without a public URL): one getUpdates loop per bot,
 * started, restarted and stopped as inboxes are created or changed.
 */
@Injectable()
export class TelegramPollingProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('telegram-polling');
  private polling: TelegramPolling | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelRegistry,
    private readonly ingest: IngestService,
  ) {}

  onApplicationBootstrap(): void {
    const adapter = this.channels.find('telegram');
    if (!(adapter instanceof TelegramAdapter)) return;
    this.polling = new TelegramPolling(adapter, (message) => this.ingest.ingest(message));
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_MS);
    this.timer.unref();
    void this.reconcile();
  }

  private reconcile(): Promise<void> {
    this.reconciling ??= (async () => {
      try {
        const inboxes = await this.db.getRepository(InboxEntity).findBy({ channel: 'telegram' });
        const polled = inboxes.filter((i) => i.config?.mode === 'polling').map((i) => ({ id: i.id, channel: i.channel, config: i.config }));
        await this.polling?.sync(polled);
      } catch (err) {
        this.logger.warn({ error: String((err as Error)?.message ?? err) }, 'telegram polling: could not read the inboxes');
      } finally {
        this.reconciling = null;
      }
    })();
    return this.reconciling;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reconciling;
    await this.polling?.stopAll();
    this.polling = null;
  }
}
