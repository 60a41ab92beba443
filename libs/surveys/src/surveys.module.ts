import { Module } from '@nestjs/common';
import { ConversationsModule } from '@parley/conversations';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyConversationHooks } from './survey-conversation-hooks';
import { SurveyDispatchService } from './survey-dispatch.service';
import { SurveyEventListener } from './survey-event.listener';
import { SurveyLinksService } from './survey-links.service';
import { SurveyRecoveryService } from './survey-recovery.service';
import { SurveyReportService } from './survey-report.service';
import { SurveySettingsService } from './survey-settings.service';
import { SurveyTimelineService } from './survey-timeline.service';
import { SurveysProcessor } from './surveys.processor';
import { SURVEY_REPORT_REPOSITORY } from './ports/survey-report.repository';
import { SURVEY_REPOSITORY } from './ports/survey.repository';
import { SURVEY_SETTINGS_REPOSITORY } from './ports/survey-settings.repository';
import { TypeOrmSurveyReportRepository } from './typeorm-survey-report.repository';
import { TypeOrmSurveyRepository } from './typeorm-survey.repository';
import { TypeOrmSurveySettingsRepository } from './typeorm-survey-settings.repository';

const REPOSITORIES = [
  { provide: SURVEY_REPOSITORY, useClass: TypeOrmSurveyRepository },
  { provide: SURVEY_SETTINGS_REPOSITORY, useClass: TypeOrmSurveySettingsRepository },
  { provide: SURVEY_REPORT_REPOSITORY, useClass: TypeOrmSurveyReportRepository },
];

const SERVICES = [SurveySettingsService, SurveyDispatchService, SurveyAnswersService, SurveyLinksService, SurveyRecoveryService, SurveyReportService];

/** Surveys after resolution (a listener of `conversation.status_changed`). Every process that ingests needs it (its claim hook). */
@Module({
  imports: [ConversationsModule],
  providers: [...REPOSITORIES, ...SERVICES, SurveyTimelineService, SurveyConversationHooks, SurveyEventListener],
  exports: SERVICES,
})
export class SurveysModule {}

/** What processes with the worker role add: sending surveys and handling answers. */
@Module({
  imports: [SurveysModule],
  providers: [SurveysProcessor],
})
export class SurveysWorkerModule {}
