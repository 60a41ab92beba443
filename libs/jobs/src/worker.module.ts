import { Module } from '@nestjs/common';
import { EmailImapModule } from '@parley/channels-email';
import { ConversationsModule } from '@parley/conversations';
import { SentimentModule } from '@parley/sentiment';
import { SlaModule, SlaWorkerModule } from '@parley/sla';
import { SurveysWorkerModule } from '@parley/surveys';
import { ConversationJobsProcessor } from './conversation-jobs.processor';
import { DomainEventDispatcher } from './domain-event-dispatcher';
import { FollowUpProcessor } from './follow-up.processor';
import { MediaFetchProcessor } from './media-fetch.processor';
import { TelegramPollingProcessor } from './telegram-polling.processor';

@Module({
  imports: [ConversationsModule, EmailImapModule.into(ConversationsModule), SlaModule, SlaWorkerModule, SurveysWorkerModule, SentimentModule],
  providers: [ConversationJobsProcessor, DomainEventDispatcher, FollowUpProcessor, TelegramPollingProcessor, MediaFetchProcessor],
})
export class WorkerModule {}
