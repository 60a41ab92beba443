import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { EmailInboundService } from './email-inbound.service';
import { EmailInboxDirectory } from './email-inbox.directory';
import { EmailImapPoller } from './imap-inbound.poller';
import { EmailSmtpListener, SMTP_LISTENER_OPTIONS, smtpListenerOptions } from './smtp-inbound.listener';

/**
 * The module that provides channels/core's INBOUND_SINK (the conversations capability): chosen by
 * the app that composes them, so the email channel never depends on it.
 */
export type InboundSinkModule = NonNullable<ModuleMetadata['imports']>[number];

/** The inbound SMTP listener: imported by the api app (roles `api` and `all`). */
@Module({})
export class EmailSmtpModule {
  static forPort(smtpInboundPort: number, inboundSink: InboundSinkModule): DynamicModule {
    return {
      module: EmailSmtpModule,
      imports: [inboundSink],
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
@Module({})
export class EmailImapModule {
  static into(inboundSink: InboundSinkModule): DynamicModule {
    return { module: EmailImapModule, imports: [inboundSink], providers: [EmailInboxDirectory, EmailInboundService, EmailImapPoller] };
  }
}
