import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ATTACHMENT_STORE, type AttachmentStorePort, type InboundSink, type InboundSource, type InboundSourceProvider, STORED_MESSAGE_LOOKUP, type StoredMessageLookup,
} from '@parley/channels-core';
import { EmailInboundService } from './email-inbound.service';
import { type EmailInbox, EmailInboxDirectory } from './email-inbox.directory';
import { ImapMailboxWatcher } from './imap-mailbox.watcher';
import { smtpListenerOptions } from './smtp-inbound.listener';

interface MailboxDeps {
  messages: StoredMessageLookup;
  store: AttachmentStorePort;
  maxBytes: number;
  logger: Logger;
}

/** One email inbox's IMAP mailbox, watched (IDLE, or a poll every 30 s) while the source runs. */
export class ImapMailboxSource implements InboundSource {
  readonly key: string;
  readonly fingerprint: string;
  private watcher: ImapMailboxWatcher | null = null;

  constructor(
    private readonly inbox: EmailInbox,
    private readonly deps: MailboxDeps,
  ) {
    this.key = `imap:${inbox.ref.id}`;
    this.fingerprint = JSON.stringify(inbox.config.imap);
  }

  start(sink: InboundSink): void {
    if (this.watcher) return;
    const { messages, store, maxBytes, logger } = this.deps;
    const inbound = new EmailInboundService(messages, store, sink);
    const imap = this.inbox.config.imap!;
    this.watcher = new ImapMailboxWatcher(
      imap,
      async (raw) => {
        const [outcome] = await inbound.receive(raw, [{ inbox: this.inbox }], { via: 'imap' });
        return outcome?.status === 'rejected' ? 'rejected' : 'stored';
      },
      { maxBytes, log: logger, pollMs: 30_000 },
    );
    this.watcher.start();
    logger.log(`watching ${imap.mailbox ?? 'INBOX'} of ${imap.user}@${imap.host}:${imap.port} for inbox ${this.inbox.ref.id}`);
  }

  async stop(): Promise<void> {
    await this.watcher?.stop();
  }
}

/**
 * The email inboxes with `imap` settings, each a source the worker's runner keeps going. Every
 * worker process watches every mailbox; should two run, Message-ID idempotency stores each mail once.
 */
@Injectable()
export class ImapMailboxSources implements InboundSourceProvider {
  readonly name = 'imap';
  readonly role = 'worker' as const;
  private readonly logger = new Logger('EmailImap');
  private readonly maxBytes = smtpListenerOptions(0).maxBytes;

  constructor(
    private readonly directory: EmailInboxDirectory,
    @Inject(STORED_MESSAGE_LOOKUP) private readonly messages: StoredMessageLookup,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStorePort,
  ) {}

  async wanted(): Promise<ImapMailboxSource[]> {
    const inboxes = (await this.directory.all(true)).filter((i) => i.config.imap);
    return inboxes.map((inbox) => new ImapMailboxSource(inbox, { messages: this.messages, store: this.store, maxBytes: this.maxBytes, logger: this.logger }));
  }
}
