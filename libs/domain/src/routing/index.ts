export * from './routing-strategy';
export * from './widget-availability';
export * from './sentiment/sentiment-analyzer';
