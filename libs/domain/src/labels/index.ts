export * from './label-rules';
