import { Module } from '@nestjs/common';
import { EmailImapModule } from '@parley/channels-email';
import { ConversationsModule } from '@parley/conversations';
import { schedulerProvider } from '@parley/queue';
import { SlaModule, SlaWorkerModule } from '@parley/sla';
import { SurveysWorkerModule } from '@parley/surveys';
import { ConversationJobsProcessor } from './conversation-jobs.processor';
import { FollowUpProcessor } from './follow-up.processor';
import { MediaFetchProcessor } from './media-fetch.processor';
import { RoutingDrainSchedule } from './routing-drain.schedule';
import { TelegramPollingProcessor } from './telegram-polling.processor';

@Module({
  imports: [ConversationsModule, EmailImapModule.into(ConversationsModule), SlaModule, SlaWorkerModule, SurveysWorkerModule],
  providers: [schedulerProvider, ConversationJobsProcessor, FollowUpProcessor, RoutingDrainSchedule, TelegramPollingProcessor, MediaFetchProcessor],
})
export class WorkerModule {}
