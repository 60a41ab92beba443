export * from './sentiment.module';
export * from './message-sentiment.service';
export * from './sentiment.listener';
