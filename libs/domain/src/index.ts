export * from './ids';
export * from './conversation-rules';
