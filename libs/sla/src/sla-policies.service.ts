import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { BusinessCalendarDto, EscalationAction, Priority, SlaPolicyDto, SlaTargets, WeeklyInterval } from '@parley/contracts';
import { ESCALATION_ACTIONS, PRIORITIES } from '@parley/contracts';
import { calendarProblems, newId } from '@parley/domain';
import type { BusinessCalendarEntity, SlaPolicyEntity } from '@parley/persistence';
import { SLA_POLICIES_REPOSITORY, type SlaPoliciesRepository } from './ports/sla-policies.repository';

export interface CalendarInput {
  name?: string;
  timeZone?: string;
  hours?: WeeklyInterval[];
  holidays?: string[];
}

export interface PolicyInput {
  name?: string;
  calendarId?: string | null;
  targets?: Partial<Record<Priority, Partial<SlaTargets>>>;
  warnAtPercent?: number;
  escalation?: { warning?: EscalationAction[]; breach?: EscalationAction[] };
  isDefault?: boolean;
}

/** A year: longer targets are a typo, not a promise. */
const MAX_TARGET_SECONDS = 366 * 24 * 3600;
const TARGET_KEYS: (keyof SlaTargets)[] = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'];

export const toCalendarDto = (c: BusinessCalendarEntity): BusinessCalendarDto => ({ id: c.id, name: c.name, timeZone: c.timeZone, hours: c.hours, holidays: c.holidays });
export const toPolicyDto = (p: SlaPolicyEntity): SlaPolicyDto => ({
  id: p.id, name: p.name, calendarId: p.calendarId, targets: p.targets, warnAtPercent: p.warnAtPercent, escalation: p.escalation, isDefault: !!p.isDefault,
});

/** Business-hours calendars and SLA policies; anything impossible is a 400 with the reason. */
@Injectable()
export class SlaPoliciesService {
  constructor(@Inject(SLA_POLICIES_REPOSITORY) private readonly repo: SlaPoliciesRepository) {}

  async calendars(): Promise<BusinessCalendarDto[]> {
    return (await this.repo.calendars()).map(toCalendarDto);
  }

  async calendar(id: string): Promise<BusinessCalendarEntity> {
    const c = await this.repo.calendar(id);
    if (!c) throw new NotFoundException(`Calendar ${id} not found`);
    return c;
  }

  async saveCalendar(id: string | null, input: CalendarInput): Promise<BusinessCalendarEntity> {
    const current = id ? await this.calendar(id) : null;
    const next = {
      name: (input.name ?? current?.name ?? '').trim(),
      timeZone: input.timeZone ?? current?.timeZone ?? '',
      hours: input.hours ?? current?.hours ?? [],
      holidays: [...new Set(input.holidays ?? current?.holidays ?? [])].sort(),
    };
    if (!next.name) throw new BadRequestException('name is required');
    const problems = calendarProblems(next);
    if (problems.length) throw new BadRequestException(`Impossible calendar: ${problems.join('; ')}`);
    const now = new Date();
    const row: BusinessCalendarEntity = { id: current?.id ?? newId(), ...next, createdAt: current?.createdAt ?? now, updatedAt: now };
    await this.repo.saveCalendar(row);
    return row;
  }

  async removeCalendar(id: string): Promise<void> {
    await this.calendar(id);
    if (await this.repo.calendarInUse(id)) throw new BadRequestException('The calendar is used by an SLA policy');
    await this.repo.deleteCalendar(id);
  }

  async policies(): Promise<SlaPolicyDto[]> {
    return (await this.repo.policies()).map(toPolicyDto);
  }

  async policy(id: string): Promise<SlaPolicyEntity> {
    const p = await this.repo.policy(id);
    if (!p) throw new NotFoundException(`SLA policy ${id} not found`);
    return p;
  }

  async savePolicy(id: string | null, input: PolicyInput): Promise<SlaPolicyEntity> {
    const current = id ? await this.policy(id) : null;
    const name = (input.name ?? current?.name ?? '').trim();
    if (!name) throw new BadRequestException('name is required');
    const calendarId = input.calendarId !== undefined ? input.calendarId : current?.calendarId ?? null;
    if (calendarId && !(await this.repo.calendarExists(calendarId))) throw new BadRequestException(`Unknown calendar ${calendarId}`);
    const warnAtPercent = input.warnAtPercent ?? current?.warnAtPercent ?? 80;
    if (!Number.isInteger(warnAtPercent) || warnAtPercent < 1 || warnAtPercent > 99) throw new BadRequestException('warnAtPercent must be an integer 1…99');
    const targets = this.targets(input.targets, current?.targets);
    for (const phase of Object.keys(input.escalation ?? {})) {
      if (phase !== 'warning' && phase !== 'breach') throw new BadRequestException(`escalation phases are warning and breach, got ${phase}`);
    }
    const escalation = {
      warning: this.actions(input.escalation?.warning ?? current?.escalation.warning ?? ['notify_supervisors']),
      breach: this.actions(input.escalation?.breach ?? current?.escalation.breach ?? ['notify_supervisors']),
    };
    const isDefault = input.isDefault ?? current?.isDefault ?? false;
    const now = new Date();
    const row: SlaPolicyEntity = { id: current?.id ?? newId(), name, calendarId, targets, warnAtPercent, escalation, isDefault, createdAt: current?.createdAt ?? now, updatedAt: now };
    await this.repo.transaction(async (tx) => {
      if (isDefault) await tx.clearDefault();
      await tx.savePolicy(row);
    });
    return row;
  }

  async removePolicy(id: string): Promise<void> {
    await this.policy(id);
    await this.repo.transaction(async (tx) => {
      await tx.detachTeams(id);
      await tx.deletePolicy(id);
    });
  }

  private targets(input: PolicyInput['targets'], current?: Record<Priority, SlaTargets>): Record<Priority, SlaTargets> {
    const out = {} as Record<Priority, SlaTargets>;
    for (const key of Object.keys(input ?? {})) if (!PRIORITIES.includes(key as Priority)) throw new BadRequestException(`Unknown priority ${key}`);
    let any = false;
    for (const p of PRIORITIES) {
      const given = input?.[p] ?? {};
      for (const key of Object.keys(given)) if (!TARGET_KEYS.includes(key as keyof SlaTargets)) throw new BadRequestException(`Unknown target ${key}`);
      const t = {} as SlaTargets;
      for (const key of TARGET_KEYS) {
        const v = key in given ? given[key] : current?.[p]?.[key] ?? null;
        if (v !== null && v !== undefined && (!Number.isInteger(v) || v <= 0 || v > MAX_TARGET_SECONDS)) {
          throw new BadRequestException(`${p}.${key} must be a positive whole number of seconds up to a year (got ${v})`);
        }
        t[key] = v ?? null;
        if (t[key] !== null) any = true;
      }
      out[p] = t;
    }
    if (!any) throw new BadRequestException('The policy sets no target');
    return out;
  }

  private actions(list: EscalationAction[]): EscalationAction[] {
    if (!Array.isArray(list)) throw new BadRequestException('escalation actions must be a list');
    for (const a of list) if (!ESCALATION_ACTIONS.includes(a)) throw new BadRequestException(`Unknown escalation action ${a}`);
    return [...new Set(list)];
  }
}
