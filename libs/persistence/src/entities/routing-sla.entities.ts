// Entities of routing, presence, SLA and XLA (issue 6), registered together in data-source.ts.
import { AgentProfileEntity } from './agent-profile.entity';
import { AgentSocketEntity } from './agent-socket.entity';
import { BusinessCalendarEntity } from './business-calendar.entity';
import { ConversationRoutingEntity } from './conversation-routing.entity';
import { MessageSentimentEntity } from './message-sentiment.entity';
import { RoutingRuleEntity } from './routing-rule.entity';
import { SlaPolicyEntity } from './sla-policy.entity';
import { SlaTimerEntity } from './sla-timer.entity';
import { TeamMemberEntity } from './team-member.entity';
import { XlaEventEntity } from './xla-event.entity';
import { XlaPolicyEntity } from './xla-policy.entity';

export {
  AgentProfileEntity, AgentSocketEntity, BusinessCalendarEntity, ConversationRoutingEntity, MessageSentimentEntity, RoutingRuleEntity,
  SlaPolicyEntity, SlaTimerEntity, TeamMemberEntity, XlaEventEntity, XlaPolicyEntity,
};

export const ROUTING_SLA_ENTITIES = [
  AgentProfileEntity, AgentSocketEntity, BusinessCalendarEntity, ConversationRoutingEntity, MessageSentimentEntity, RoutingRuleEntity,
  SlaPolicyEntity, SlaTimerEntity, TeamMemberEntity, XlaEventEntity, XlaPolicyEntity,
];
