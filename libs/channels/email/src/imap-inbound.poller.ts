import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EmailInboundService } from './email-inbound.service';
import { EmailInboxDirectory } from './email-inbox.directory';
import { ImapMailboxWatcher } from './imap-mailbox.watcher';
import { smtpListenerOptions } from './smtp-inbound.listener';

/** How often the set of inboxes with `imap` settings is re-read (new inboxes, changed settings). */
const REFRESH_MS = 5_000;

/**
 * Runs in the worker role (and `all`): one mailbox watcher per email inbox that has `imap`
 * settings. Every worker process watches every mailbox; should two run, Message-ID idempotency
 * stores each mail once.
 */
@Injectable()
export class EmailImapPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailImapPoller.name);
  private readonly watchers = new Map<string, { key: string; watcher: ImapMailboxWatcher }>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly maxBytes = smtpListenerOptions(0).maxBytes;

  constructor(
    private readonly directory: EmailInboxDirectory,
    private readonly inbound: EmailInboundService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.timer.unref();
    this.refresh();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.refreshing;
    await Promise.all([...this.watchers.values()].map(({ watcher }) => watcher.stop()));
    this.watchers.clear();
  }

  private refresh(): void {
    this.refreshing ??= this.sync()
      .catch((err) => this.logger.warn(`could not read the email inboxes: ${err.message}`))
      .finally(() => (this.refreshing = null));
  }

  private async sync(): Promise<void> {
    const wanted = new Map((await this.directory.all(true)).filter((i) => i.config.imap).map((i) => [i.ref.id, i]));
    for (const [id, { key, watcher }] of this.watchers) {
      const inbox = wanted.get(id);
      if (inbox && JSON.stringify(inbox.config.imap) === key) continue;
      this.watchers.delete(id);
      await watcher.stop();
    }
    for (const [id, inbox] of wanted) {
      if (this.watchers.has(id) || !this.timer) continue;
      const imap = inbox.config.imap!;
      const watcher = new ImapMailboxWatcher(
        imap,
        async (raw) => {
          const [outcome] = await this.inbound.receive(raw, [{ inbox }], { via: 'imap' });
          return outcome?.status === 'rejected' ? 'rejected' : 'stored';
        },
        { maxBytes: this.maxBytes, log: this.logger, pollMs: 30_000 },
      );
      this.watchers.set(id, { key: JSON.stringify(imap), watcher });
      watcher.start();
      this.logger.log(`watching ${imap.mailbox ?? 'INBOX'} of ${imap.user}@${imap.host}:${imap.port} for inbox ${id}`);
    }
  }
}
