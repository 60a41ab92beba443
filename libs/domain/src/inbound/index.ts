export * from './conversation-choice';
export * from './conversation-continuation';
export * from './sender-updates';
