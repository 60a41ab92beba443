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
import { INBOUND_SIGNALS_REPOSITORY } from './ports/inbound-signals.repository';
import { PRESENCE_REPOSITORY } from './ports/presence.repository';
import { ROUTING_REPOSITORY } from './ports/routing.repository';
import { TEAMS_REPOSITORY } from './ports/teams.repository';
import { TypeOrmInboundSignalsRepository } from './typeorm-inbound-signals.repository';
import { TypeOrmPresenceRepository } from './typeorm-presence.repository';
import { TypeOrmRoutingRepository } from './typeorm-routing.repository';
import { TypeOrmTeamsRepository } from './typeorm-teams.repository';

const SERVICES = [
  RoutingSettingsService, TeamsService, PresenceService, AssignmentService, RoutingRulesService, RoutingCandidatesService,
  RoutingDecisionService, ConversationTransferService, InboundAnalysisService,
];

const REPOSITORIES = [
  { provide: ROUTING_REPOSITORY, useClass: TypeOrmRoutingRepository },
  { provide: INBOUND_SIGNALS_REPOSITORY, useClass: TypeOrmInboundSignalsRepository },
  { provide: TEAMS_REPOSITORY, useClass: TypeOrmTeamsRepository },
  { provide: PRESENCE_REPOSITORY, useClass: TypeOrmPresenceRepository },
];

@Module({
  imports: [ConversationsModule],
  providers: [...REPOSITORIES, ...SERVICES, RoutingEventListener],
  exports: [...SERVICES, ConversationsModule],
})
export class RoutingModule {}
