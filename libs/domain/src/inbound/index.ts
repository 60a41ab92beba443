export * from './conversation-choice';
export * from './conversation-continuation';
export * from './sender-updates';
export * from './inbound-plan';
export * from './sender-plan';
