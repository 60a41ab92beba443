import { Module } from '@nestjs/common';
import { ConversationsModule } from '@parley/conversations';
import { AssignmentService } from './assignment.service';
import { PresenceService } from './presence.service';
import { RoutingSettingsService } from './routing-settings.service';
import { RoutingService } from './routing.service';
import { TeamsService } from './teams.service';

@Module({
  imports: [ConversationsModule],
  providers: [RoutingSettingsService, TeamsService, PresenceService, AssignmentService, RoutingService],
  exports: [RoutingSettingsService, TeamsService, PresenceService, AssignmentService, RoutingService, ConversationsModule],
})
export class RoutingModule {}
