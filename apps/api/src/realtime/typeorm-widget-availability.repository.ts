import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AgentProfileEntity, BusinessCalendarEntity, RoutingRuleEntity, SlaPolicyEntity, TeamEntity, TeamMemberEntity } from '@parley/persistence';
import type { WidgetAvailabilityRepository } from './ports/widget-availability.repository';

/** The availability's reads on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmWidgetAvailabilityRepository implements WidgetAvailabilityRepository {
  constructor(private readonly db: DataSource) {}

  routingRules() { return this.db.getRepository(RoutingRuleEntity).find({ order: { position: 'ASC', createdAt: 'ASC' } }); }
  team(id: string) { return this.db.getRepository(TeamEntity).findOneBy({ id }); }
  slaPolicy(id: string) { return this.db.getRepository(SlaPolicyEntity).findOneBy({ id }); }
  defaultSlaPolicy() { return this.db.getRepository(SlaPolicyEntity).findOneBy({ isDefault: true }); }
  calendar(id: string) { return this.db.getRepository(BusinessCalendarEntity).findOneBy({ id }); }

  async onlineAgents(teamId: string | null) {
    const profiles = this.db.getRepository(AgentProfileEntity);
    if (!teamId) return profiles.countBy({ status: 'online' });
    const members = await this.db.getRepository(TeamMemberEntity).find({ select: { agentId: true }, where: { teamId } });
    return members.length ? profiles.countBy({ status: 'online', userId: In(members.map((m) => m.agentId)) }) : 0;
  }
}
