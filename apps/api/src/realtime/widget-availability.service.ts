import { DataSource, In } from 'typeorm';
import type { WidgetAvailability } from '@parley/contracts';
import { AgentProfileEntity, BusinessCalendarEntity, RoutingRuleEntity, SlaPolicyEntity, TeamEntity, TeamMemberEntity } from '@parley/persistence';
import { addBusinessSeconds, decideAvailability, isOpenAt, matchRule, type CalendarSpec } from '@parley/domain';

/**
 * Whether a web chat inbox's team can answer now, for the widget header. The team is the one a
 * new message of this inbox would be routed to (a rule naming the inbox, or a catch-all); its SLA
 * policy (else the default one) gives the business calendar and the first-response target.
 */
export class WidgetAvailabilityService {
  constructor(private readonly db: DataSource) {}

  async forInbox(inboxId: string, now = new Date()): Promise<WidgetAvailability> {
    const rules = await this.db.getRepository(RoutingRuleEntity).find({ order: { position: 'ASC', createdAt: 'ASC' } });
    // No text yet: rules that need a language or keywords cannot be known before the first message.
    const rule = matchRule(rules, { inboxId, language: null, text: '' });
    const team = rule ? await this.db.getRepository(TeamEntity).findOneBy({ id: rule.teamId }) : null;
    const onlineAgents = await this.onlineAgents(team?.id ?? null);
    const policies = this.db.getRepository(SlaPolicyEntity);
    const policy = (team?.slaPolicyId ? await policies.findOneBy({ id: team.slaPolicyId }) : null) ?? (await policies.findOneBy({ isDefault: true }));
    const calendar = policy?.calendarId ? await this.db.getRepository(BusinessCalendarEntity).findOneBy({ id: policy.calendarId }) : null;
    const spec: CalendarSpec | null = calendar ? { timeZone: calendar.timeZone, hours: calendar.hours, holidays: calendar.holidays } : null;
    const openNow = isOpenAt(spec, now);
    // Zero business seconds from a closed moment lands on the next opening.
    const nextOpenAt = spec && !openNow ? safely(() => addBusinessSeconds(spec, now, 0)) : null;
    return decideAvailability({
      now,
      onlineAgents,
      openNow,
      nextOpenAt,
      timeZone: spec?.timeZone ?? null,
      firstResponseSeconds: policy?.targets?.normal?.firstResponseSeconds ?? null,
    });
  }

  private async onlineAgents(teamId: string | null): Promise<number> {
    const profiles = this.db.getRepository(AgentProfileEntity);
    if (!teamId) return profiles.countBy({ status: 'online' });
    const members = await this.db.getRepository(TeamMemberEntity).find({ select: { agentId: true }, where: { teamId } });
    return members.length ? profiles.countBy({ status: 'online', userId: In(members.map((m) => m.agentId)) }) : 0;
  }
}

/** A calendar that never opens again (every day a holiday) has no next opening to show. */
function safely(next: () => Date): Date | null {
  try {
    return next();
  } catch {
    return null;
  }
}
