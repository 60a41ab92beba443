import { DynamicModule, Module } from '@nestjs/common';
import { ConversationsModule } from '@parley/conversations';
import { EmailInboundService } from './email-inbound.service';
import { EmailInboxDirectory } from './email-inbox.directory';
import { EmailImapPoller } from './imap-inbound.poller';
import { EmailSmtpListener, SMTP_LISTENER_OPTIONS, smtpListenerOptions } from './smtp-inbound.listener';

/** The inbound SMTP listener: imported by the api app (roles `api` and `all`). */
@Module({})
export class EmailSmtpModule {
  static forPort(smtpInboundPort: number): DynamicModule {
    return {
      module: EmailSmtpModule,
      imports: [ConversationsModule],
      providers: [
        { provide: SMTP_LISTENER_OPTIONS, useValue: smtpListenerOptions(smtpInboundPort) },
        EmailInboxDirectory,
        EmailInboundService,
        EmailSmtpListener,
      ],
    };
  }
}

/** IMAP polling of inboxes with `imap` settings: imported by the worker (roles `worker` and `all`). */
@Module({
  imports: [ConversationsModule],
  providers: [EmailInboxDirectory, EmailInboundService, EmailImapPoller],
})
export class EmailImapModule {}
