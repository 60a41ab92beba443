import { ImapFlow } from 'imapflow';
import { isInboundRefusal } from '@parley/channels-core';
import type { EmailInboxConfig } from './email-config';

/** What the pipeline made of one mail: `stored` (or dropped on purpose), `rejected` (unreadable). */
export type MailVerdict = 'stored' | 'rejected';

/** The part of ImapFlow the watcher uses (a fake in unit tests, imapflow in production). */
export interface ImapClient {
  usable: boolean;
  connect(): Promise<void>;
  mailboxOpen(path: string): Promise<unknown>;
  search(query: { seen: boolean }, options: { uid: true }): Promise<number[] | false>;
  fetchOne(uid: string, query: { size?: boolean; source?: boolean }, options: { uid: true }): Promise<{ uid: number; size?: number; source?: Buffer } | false>;
  messageFlagsAdd(uid: string, flags: string[], options: { uid: true }): Promise<boolean>;
  logout(): Promise<void>;
  close(): void;
  on(event: 'exists' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
}

export interface WatcherOptions {
  maxBytes: number;
  /** Re-check this often even without an IDLE notification (servers without IDLE, lost pushes). */
  pollMs?: number;
  /** After a mail could not be stored (database down), try again this soon. */
  retryMs?: number;
  log: { log(message: string): void; warn(message: string): void };
  createClient?: (imap: NonNullable<EmailInboxConfig['imap']>) => ImapClient;
}

const BATCH = 100;

/**
 * One inbox's IMAP mailbox: unseen mail is fetched (BODY.PEEK, so reading it marks nothing),
 * handed to the pipeline, and flagged \Seen only once the pipeline has stored it. A mail that
 * could not be stored stays unseen and is tried again. IDLE (when the server has it) wakes the
 * watcher as soon as new mail arrives; otherwise it polls.
 */
export class ImapMailboxWatcher {
  private stopped = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private client: ImapClient | null = null;

  constructor(
    private readonly imap: NonNullable<EmailInboxConfig['imap']>,
    private readonly handle: (raw: Buffer) => Promise<MailVerdict>,
    private readonly options: WatcherOptions,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    this.client?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const client = (this.options.createClient ?? defaultClient)(this.imap);
      this.client = client;
      try {
        client.on('error', (err) => this.options.log.warn(`IMAP ${this.imap.host}: ${(err as Error).message}`));
        client.on('close', () => this.wake());
        await client.connect();
        await client.mailboxOpen(this.imap.mailbox ?? 'INBOX');
        client.on('exists', () => this.wake());
        failures = 0;
        while (!this.stopped && client.usable) {
          const again = await this.drain(client);
          await this.sleep(again ? (this.options.retryMs ?? 5_000) : (this.options.pollMs ?? 60_000));
        }
      } catch (err) {
        failures++;
        if (!this.stopped) this.options.log.warn(`IMAP ${this.imap.user}@${this.imap.host}:${this.imap.port}: ${err.message}`);
      } finally {
        await client.logout().catch(() => client.close());
        this.client = null;
      }
      if (!this.stopped) await this.sleep(Math.min(60_000, 1_000 * 2 ** Math.min(failures, 6)));
    }
  }

  /** Processes unseen mail, oldest first. True when some is left for another round. */
  async drain(client: ImapClient): Promise<boolean> {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids.slice(0, BATCH)) {
      if (this.stopped) return false;
      const head = await client.fetchOne(String(uid), { size: true }, { uid: true });
      if (!head) continue;
      if ((head.size ?? 0) > this.options.maxBytes) {
        this.options.log.warn(`IMAP mail uid ${uid} rejected: too large (${head.size} bytes, limit ${this.options.maxBytes})`);
        await this.flag(client, uid, 'rejected');
        continue;
      }
      const mail = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!mail || !mail.source) continue;
      let verdict: MailVerdict;
      try {
        verdict = await this.handle(mail.source);
      } catch (err) {
        if (isInboundRefusal(err)) {
          // It can never be stored: left unseen it would be refused on every round, forever.
          this.options.log.warn(`IMAP mail uid ${uid} refused: ${err.reason}`);
          verdict = 'rejected';
        } else {
          // Not stored: stays unseen, and the rest waits too (whatever failed will fail them as well).
          this.options.log.warn(`IMAP mail uid ${uid} not stored, will retry: ${err.message}`);
          return true;
        }
      }
      await this.flag(client, uid, verdict);
    }
    return uids.length > BATCH;
  }

  private async flag(client: ImapClient, uid: number, verdict: MailVerdict): Promise<void> {
    if (verdict === 'rejected') {
      // A keyword lets an admin find what Parley refused; not every server allows custom keywords.
      const ok = await client.messageFlagsAdd(String(uid), ['\\Seen', '$ParleyRejected'], { uid: true }).catch(() => false);
      if (ok) return;
    }
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  }

  private wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function defaultClient(imap: NonNullable<EmailInboxConfig['imap']>): ImapClient {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.pass },
    logger: false,
    // Start IDLE soon after each round, so new mail is pushed rather than waited for.
    autoIdleDelay: 1_000,
    maxIdleTime: 5 * 60_000,
    connectionTimeout: 30_000,
  }) as unknown as ImapClient;
}
