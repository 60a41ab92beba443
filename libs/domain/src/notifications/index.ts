export * from './mentions';
export * from './notification-rules';
