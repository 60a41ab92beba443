export * from './conversations.module';
export * from './conversations.service';
export * from './ingest.service';
export * from './outbound.service';
export * from './channel-registry';
export * from './conversation.mapper';
export * from './follow-up';
export * from './conversation-hooks';
