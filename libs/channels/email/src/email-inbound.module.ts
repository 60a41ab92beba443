import { DynamicModule, Module } from '@nestjs/common';
import { EmailInboxDirectory } from './email-inbox.directory';
import { ImapMailboxSources } from './imap-inbound.poller';
import { SMTP_LISTENER_OPTIONS, SmtpListenerSources, smtpListenerOptions } from './smtp-inbound.listener';

/**
 * The inbound SMTP listener as an inbound source of the api app (roles `api` and `all`); the
 * app's inbound-source runner starts it with the ingest pipeline as its sink.
 */
@Module({})
export class EmailSmtpModule {
  static forPort(smtpInboundPort: number): DynamicModule {
    return {
      module: EmailSmtpModule,
      providers: [{ provide: SMTP_LISTENER_OPTIONS, useValue: smtpListenerOptions(smtpInboundPort) }, EmailInboxDirectory, SmtpListenerSources],
      exports: [SmtpListenerSources],
    };
  }
}

/** IMAP mailboxes of inboxes with `imap` settings, as inbound sources of the worker (roles `worker` and `all`). */
@Module({
  providers: [EmailInboxDirectory, ImapMailboxSources],
  exports: [ImapMailboxSources],
})
export class EmailImapModule {}
