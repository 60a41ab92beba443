import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { EmailSmtpModule, SmtpListenerSources } from '@parley/channels-email';
import { ConversationsModule } from '@parley/conversations';
import { pinoHttpParams, RuntimeModule, type ParleyConfig } from '@parley/runtime';
import { CONVERSATION_LABELS_MODULE, InboundSourcesModule, LABELLED_BULK_MODULE, MACROS_MODULE, WorkerModule } from '@parley/jobs';
import { SearchModule } from '@parley/search';
import { SlaModule } from '@parley/sla';
import { SurveysModule } from '@parley/surveys';
import { CannedResponsesModule } from '@parley/canned-responses';
import { ViewsModule } from '@parley/views';
import { NotificationsModule } from '@parley/notifications';
import { AttachmentsController } from './attachments/attachments.controller';
import { CannedResponsesController } from './canned-responses/canned-responses.controller';
import { MacrosController } from './macros/macros.controller';
import { NOTIFICATION_CONTROLLERS } from './notifications/notifications.controller';
import { AgentSockets } from './auth/agent-sockets';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginAttempts } from './auth/login-attempts';
import { SESSION_REPOSITORY } from './auth/ports/session.repository';
import { SessionsService } from './auth/sessions.service';
import { TypeOrmSessionRepository } from './auth/typeorm-session.repository';
import { ConversationsController } from './conversations/conversations.controller';
import { CustomersController } from './customers/customers.controller';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { HealthController } from './health/health.controller';
import { accessLogOptions } from './http/access-log';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { InboxesController } from './inboxes/inboxes.controller';
import { ConversationLabelsController, LabelsController } from './labels/labels.controller';
import { DemoSeed } from './inboxes/demo-seed';
import { InboxesService } from './inboxes/inboxes.service';
import { INBOX_REPOSITORY } from './inboxes/ports/inbox.repository';
import { TypeOrmInboxRepository } from './inboxes/typeorm-inbox.repository';
import { AgentsGateway } from './realtime/agents.gateway';
import { WIDGET_AVAILABILITY_REPOSITORY } from './realtime/ports/widget-availability.repository';
import { WIDGET_VISITOR_REPOSITORY } from './realtime/ports/widget-visitor.repository';
import { TypeOrmWidgetAvailabilityRepository } from './realtime/typeorm-widget-availability.repository';
import { TypeOrmWidgetVisitorRepository } from './realtime/typeorm-widget-visitor.repository';
import { WidgetGateway } from './realtime/widget.gateway';
import { PresenceController } from './presence/presence.controller';
import { PresenceGateway } from './presence/presence.gateway';
import { RoutingController } from './routing/routing.controller';
import { SearchController } from './search/search.controller';
import { SlaController } from './sla/sla.controller';
import { SurveyPageController } from './surveys/survey-page.controller';
import { SurveysController } from './surveys/surveys.controller';
import { TeamsController } from './teams/teams.controller';
import { UsersController } from './users/users.controller';
import { USER_REPOSITORY } from './users/ports/user.repository';
import { TypeOrmUserRepository } from './users/typeorm-user.repository';
import { UsersService } from './users/users.service';
import { BulkController } from './views/bulk.controller';
import { ViewsController } from './views/views.controller';
import { WebController } from './web/web.controller';
import { WebhookIntake } from './webhooks/webhook-intake.service';

@Module({})
export class AppModule {
  static forRoot(config: ParleyConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // Provider webhooks never reach Express (webhook-lane.ts), so they have no access log line;
          // the intake logs what it refuses. Tokens, cookies, signatures and capability links are redacted.
          pinoHttp: pinoHttpParams(accessLogOptions(config.logLevel)),
        }),
        RuntimeModule.forRoot(config),
        JwtModule.register({ signOptions: { expiresIn: config.jwtTtlSeconds } }),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: Number(process.env.LOGIN_RATE_LIMIT ?? 20) }]),
        ConversationsModule,
        SlaModule,
        SurveysModule,
        CONVERSATION_LABELS_MODULE,
        LABELLED_BULK_MODULE,
        MACROS_MODULE,
        CannedResponsesModule,
        ViewsModule,
        SearchModule,
        NotificationsModule,
        // Inbound mail is a front door like HTTP: api and all roles (IMAP polling is the worker's).
        InboundSourcesModule.run('api', { imports: [EmailSmtpModule.forPort(config.smtpInboundPort)], providers: [SmtpListenerSources] }, ConversationsModule),
        ...(config.role === 'all' ? [WorkerModule] : []),
      ],
      controllers: [
        HealthController, AuthController, UsersController, InboxesController, ConversationsController, CustomersController, AttachmentsController,
        TeamsController, PresenceController, RoutingController, SlaController, SurveysController, SurveyPageController, DeadLettersController,
        LabelsController, ConversationLabelsController, CannedResponsesController,
        ViewsController, BulkController, MacrosController,
        SearchController,
        ...NOTIFICATION_CONTROLLERS,
        // Last: its catch-all serves the console for every other GET.
        WebController,
      ],
      providers: [
        AuthService, SessionsService, LoginAttempts, AgentSockets, UsersService, InboxesService, DemoSeed, WebhookIntake, AgentsGateway, WidgetGateway, PresenceGateway,
        { provide: SESSION_REPOSITORY, useClass: TypeOrmSessionRepository },
        { provide: USER_REPOSITORY, useClass: TypeOrmUserRepository },
        { provide: INBOX_REPOSITORY, useClass: TypeOrmInboxRepository },
        { provide: WIDGET_VISITOR_REPOSITORY, useClass: TypeOrmWidgetVisitorRepository },
        { provide: WIDGET_AVAILABILITY_REPOSITORY, useClass: TypeOrmWidgetAvailabilityRepository },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
