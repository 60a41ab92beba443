import { Module } from '@nestjs/common';
import { EmailImapModule, ImapMailboxSources } from '@parley/channels-email';
import { TelegramPollingModule, TelegramPollingSources } from '@parley/channels-telegram';
import { VkLongPollModule, VkLongPollSources } from '@parley/channels-vk';
import { ConversationsModule } from '@parley/conversations';
import { NotificationsModule } from '@parley/notifications';
import { SentimentModule } from '@parley/sentiment';
import { SlaModule, SlaWorkerModule } from '@parley/sla';
import { SurveysWorkerModule } from '@parley/surveys';
import { ConversationJobsProcessor } from './conversation-jobs.processor';
import { DomainEventDispatcher } from './domain-event-dispatcher';
import { FollowUpProcessor } from './follow-up.processor';
import { InboundSourcesModule } from './inbound-sources.runner';
import { LABELLED_BULK_MODULE } from './labelled-bulk';
import { MediaFetchProcessor } from './media-fetch.processor';
import { MEDIA_REPOSITORY } from './ports/media.repository';
import { NotificationsPruneSchedule } from './notifications-prune.schedule';
import { RoutingDrainSchedule } from './routing-drain.schedule';
import { TypeormMediaRepository } from './typeorm-media.repository';

@Module({
  imports: [
    ConversationsModule,
    LABELLED_BULK_MODULE,
    SlaModule,
    SlaWorkerModule,
    SurveysWorkerModule,
    SentimentModule,
    NotificationsModule,
    // Pollers (Telegram long polling, IMAP mailboxes), each adapter's sources, run by the one runner.
    InboundSourcesModule.run('worker', { imports: [TelegramPollingModule, EmailImapModule, VkLongPollModule], providers: [TelegramPollingSources, ImapMailboxSources, VkLongPollSources] }, ConversationsModule),
  ],
  providers: [ConversationJobsProcessor, DomainEventDispatcher, FollowUpProcessor, RoutingDrainSchedule, NotificationsPruneSchedule, MediaFetchProcessor, { provide: MEDIA_REPOSITORY, useClass: TypeormMediaRepository }],
})
export class WorkerModule {}
