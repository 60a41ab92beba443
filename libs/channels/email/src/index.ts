export * from './email.adapter';
export * from './email-config';
export * from './email-address';
export * from './conversation-token';
export * from './inbound-email';
export * from './email-inbound.module';
export * from './email-inbound.service';
export { ImapMailboxSources } from './imap-inbound.poller';
export { SmtpListenerSources } from './smtp-inbound.listener';
