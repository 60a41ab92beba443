export * from './canned-template';
export * from './canned-response-rules';
