import { Module } from '@nestjs/common';
import { CollaboratorsService } from './collaborators.service';
import { NotificationCentreService } from './notification-centre.service';
import { NotificationListener } from './notification.listener';
import { NotifyService } from './notify.service';
import { COLLABORATOR_REPOSITORY } from './ports/collaborator.repository';
import { NOTIFICATION_FACTS_REPOSITORY } from './ports/notification-facts.repository';
import { NOTIFICATION_REPOSITORY } from './ports/notification.repository';
import { TypeOrmCollaboratorRepository } from './typeorm-collaborator.repository';
import { TypeOrmNotificationFactsRepository } from './typeorm-notification-facts.repository';
import { TypeOrmNotificationRepository } from './typeorm-notification.repository';

/**
 * Mentions, collaborators and notifications: the centre's use cases for the api, and a listener of
 * domain events wherever the dispatcher runs (imported by the app and by the worker; Nest makes it one).
 */
@Module({
  providers: [
    { provide: NOTIFICATION_REPOSITORY, useClass: TypeOrmNotificationRepository },
    { provide: COLLABORATOR_REPOSITORY, useClass: TypeOrmCollaboratorRepository },
    { provide: NOTIFICATION_FACTS_REPOSITORY, useClass: TypeOrmNotificationFactsRepository },
    NotifyService, NotificationCentreService, CollaboratorsService, NotificationListener,
  ],
  exports: [NotificationCentreService, CollaboratorsService],
})
export class NotificationsModule {}
