import { Module } from '@nestjs/common';
import { EmailImapModule } from '@parley/channels-email';
import { ConversationsModule } from '@parley/conversations';
import { SlaWorkerModule } from '@parley/sla';
import { SurveysWorkerModule } from '@parley/surveys';
import { ConversationJobsProcessor } from './conversation-jobs.processor';
import { MediaFetchProcessor } from './media-fetch.processor';
import { TelegramPollingProcessor } from './telegram-polling.processor';

@Module({
  imports: [ConversationsModule, EmailImapModule, SlaWorkerModule, SurveysWorkerModule],
  providers: [ConversationJobsProcessor, TelegramPollingProcessor, MediaFetchProcessor],
})
export class WorkerModule {}
