export * from './webchat.adapter';
export * from './visitor-token';
export * from './webchat-limits';
export * from './visitor-rate-limiter';
