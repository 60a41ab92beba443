import { Module } from '@nestjs/common';
import { MessageSentimentService } from './message-sentiment.service';
import { MESSAGE_SENTIMENT_REPOSITORY } from './ports/message-sentiment.repository';
import { SentimentListener } from './sentiment.listener';
import { TypeOrmMessageSentimentRepository } from './typeorm-message-sentiment.repository';

/** Sentiment of customers' messages: a listener of `message.received` in the worker. */
@Module({
  providers: [{ provide: MESSAGE_SENTIMENT_REPOSITORY, useClass: TypeOrmMessageSentimentRepository }, MessageSentimentService, SentimentListener],
  exports: [MessageSentimentService],
})
export class SentimentModule {}
