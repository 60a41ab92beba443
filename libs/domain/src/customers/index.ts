export * from './search-folding';
export * from './phone-numbers';
export * from './merge-evidence';
export * from './merge-rules';
export * from './identity-hash';
