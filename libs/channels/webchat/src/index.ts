export * from './webchat.adapter';
export * from './visitor-token';
