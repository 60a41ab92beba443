import { Module } from '@nestjs/common';
import { ConversationsModule } from '@parley/conversations';
import { AssignmentService } from './assignment.service';
import { ConversationTransferService } from './conversation-transfer.service';
import { InboundAnalysisService } from './inbound-analysis.service';
import { PresenceService } from './presence.service';
import { RoutingCandidatesService } from './routing-candidates.service';
import { RoutingDecisionService } from './routing-decision.service';
import { RoutingEventListener } from './routing-event.listener';
import { RoutingRulesService } from './routing-rules.service';
import { RoutingSettingsService } from './routing-settings.service';
import { TeamsService } from './teams.service';
import { ROUTING_REPOSITORY } from './ports/routing.repository';
import { TypeOrmRoutingRepository } from './typeorm-routing.repository';

const SERVICES = [
  RoutingSettingsService, TeamsService, PresenceService, AssignmentService, RoutingRulesService, RoutingCandidatesService,
  RoutingDecisionService, ConversationTransferService, InboundAnalysisService,
];

@Module({
  imports: [ConversationsModule],
  providers: [{ provide: ROUTING_REPOSITORY, useClass: TypeOrmRoutingRepository }, ...SERVICES, RoutingEventListener],
  exports: [...SERVICES, ConversationsModule],
})
export class RoutingModule {}
