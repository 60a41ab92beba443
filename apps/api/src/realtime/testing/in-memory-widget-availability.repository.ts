import type { BusinessCalendarEntity, RoutingRuleEntity, SlaPolicyEntity, TeamEntity } from '@parley/persistence';
import type { WidgetAvailabilityRepository } from '../ports/widget-availability.repository';

/** The availability's reads in memory, for unit specs. */
export class InMemoryWidgetAvailabilityRepository implements WidgetAvailabilityRepository {
  rules: RoutingRuleEntity[] = [];
  teams = new Map<string, TeamEntity>();
  policies = new Map<string, SlaPolicyEntity>();
  calendars = new Map<string, BusinessCalendarEntity>();
  members: { teamId: string; agentId: string }[] = [];
  /** Agents whose presence is `online`. */
  online = new Set<string>();

  async routingRules() {
    return [...this.rules].sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime());
  }

  async team(id: string) { return this.teams.get(id) ?? null; }
  async slaPolicy(id: string) { return this.policies.get(id) ?? null; }
  async defaultSlaPolicy() { return [...this.policies.values()].find((p) => p.isDefault) ?? null; }
  async calendar(id: string) { return this.calendars.get(id) ?? null; }

  async onlineAgents(teamId: string | null) {
    if (!teamId) return this.online.size;
    return this.members.filter((m) => m.teamId === teamId && this.online.has(m.agentId)).length;
  }
}
