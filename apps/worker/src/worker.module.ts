import { Module } from '@nestjs/common';
import { ConversationsModule } from '@parley/conversations';
import { ConversationJobsProcessor } from './conversation-jobs.processor';

@Module({
  imports: [ConversationsModule],
  providers: [ConversationJobsProcessor],
})
export class WorkerModule {}
