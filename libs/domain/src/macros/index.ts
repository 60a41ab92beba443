export * from './macro-rules';
