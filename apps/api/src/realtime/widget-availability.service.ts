import type { WidgetAvailability } from '@parley/contracts';
import { addBusinessSeconds, decideAvailability, isOpenAt, matchRule, type CalendarSpec } from '@parley/domain';
import type { WidgetAvailabilityRepository } from './ports/widget-availability.repository';

/**
 * Whether a web chat inbox's team can answer now, for the widget header. The team is the one a
 * new message of this inbox would be routed to (a rule naming the inbox, or a catch-all); its SLA
 * policy (else the default one) gives the business calendar and the first-response target.
 */
export class WidgetAvailabilityService {
  constructor(private readonly repo: WidgetAvailabilityRepository) {}

  async forInbox(inboxId: string, now = new Date()): Promise<WidgetAvailability> {
    const rules = await this.repo.routingRules();
    // No text yet: rules that need a language or keywords cannot be known before the first message.
    const rule = matchRule(rules, { inboxId, language: null, text: '' });
    const team = rule ? await this.repo.team(rule.teamId) : null;
    const onlineAgents = await this.repo.onlineAgents(team?.id ?? null);
    const policy = (team?.slaPolicyId ? await this.repo.slaPolicy(team.slaPolicyId) : null) ?? (await this.repo.defaultSlaPolicy());
    const calendar = policy?.calendarId ? await this.repo.calendar(policy.calendarId) : null;
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
}

/** A calendar that never opens again (every day a holiday) has no next opening to show. */
function safely(next: () => Date): Date | null {
  try {
    return next();
  } catch {
    return null;
  }
}
