export * from './signed-token';
