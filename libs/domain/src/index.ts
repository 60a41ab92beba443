export * from './ids';
export * from './conversation-rules';
export * from './delivery-status';
export * from './auth/password-policy';
export * from './auth/client-address';
export * from './auth/sign-in-backoff';
export * from './customers';
export * from './tokens';
