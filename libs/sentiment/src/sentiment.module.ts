import { Module } from '@nestjs/common';
import { MessageSentimentService } from './message-sentiment.service';
import { SentimentListener } from './sentiment.listener';

/** Sentiment of customers' messages: a listener of `message.received` in the worker. */
@Module({
  providers: [MessageSentimentService, SentimentListener],
  exports: [MessageSentimentService],
})
export class SentimentModule {}
