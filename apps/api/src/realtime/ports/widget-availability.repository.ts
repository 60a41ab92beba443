import type { BusinessCalendarEntity, RoutingRuleEntity, SlaPolicyEntity, TeamEntity } from '@parley/persistence';

/** What the widget's availability reads: routing rules, the team's SLA policy and calendar, who is online. */
export interface WidgetAvailabilityRepository {
  /** Every routing rule, in the order they are tried (position, then age). */
  routingRules(): Promise<RoutingRuleEntity[]>;
  team(id: string): Promise<TeamEntity | null>;
  slaPolicy(id: string): Promise<SlaPolicyEntity | null>;
  defaultSlaPolicy(): Promise<SlaPolicyEntity | null>;
  calendar(id: string): Promise<BusinessCalendarEntity | null>;
  /** Agents online among the team's members; with no team, every agent online. */
  onlineAgents(teamId: string | null): Promise<number>;
}

export const WIDGET_AVAILABILITY_REPOSITORY = Symbol('WIDGET_AVAILABILITY_REPOSITORY');
