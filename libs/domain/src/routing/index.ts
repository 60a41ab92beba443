export * from './routing-strategy';
export * from './widget-availability';
