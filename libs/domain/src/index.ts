export * from './ids';
export * from './conversation-rules';
export * from './delivery-status';
