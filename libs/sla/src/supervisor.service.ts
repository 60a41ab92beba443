import { Inject, Injectable } from '@nestjs/common';
import { SUPERVISOR_WAITING_LIST, type SupervisorQueueDto, type SupervisorQueueRow, type SupervisorWaitingGroup } from '@parley/contracts';
import { TeamsService } from '@parley/routing';
import { type DueOrderFilter, SUPERVISOR_REPOSITORY, type SupervisorRepository } from './ports/supervisor.repository';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { supervisorRows } from './supervisor-rows';
import { XlaService } from './xla.service';

const LIST = 50;

/** The supervisor's queue view in one read: waiting work, agents and their load, risk and mood. */
@Injectable()
export class SupervisorService {
  constructor(
    @Inject(SUPERVISOR_REPOSITORY) private readonly repo: SupervisorRepository,
    private readonly teams: TeamsService,
    private readonly xla: XlaService,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
  ) {}

  async queue(): Promise<SupervisorQueueDto> {
    const waitingRows = await this.repo.waitingByTeam();
    const teams = await this.repo.teams();
    const waiting = waitingRows.reduce((s, r) => s + r.n, 0);
    const sinces = waitingRows.map((r) => r.since).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
    const lists = await this.waitingLists();
    const members = await this.repo.teamMembers();
    const routed = new Set(await this.repo.routedTeamIds());
    const group = (teamId: string | null): SupervisorWaitingGroup => {
      const row = waitingRows.find((r) => r.teamId === teamId);
      return { waiting: row?.n ?? 0, longestWaitSince: row?.since?.toISOString() ?? null, conversations: lists.get(teamId) ?? [] };
    };
    const teamRows = await Promise.all(teams.map(async (t) => ({
      teamId: t.id,
      name: t.name,
      ...group(t.id),
      memberCount: members.filter((m) => m.teamId === t.id).length,
      hasRoutingRule: routed.has(t.id),
      csatPercent: await this.xla.csatPercent(t.id),
      csatTargetPercent: (await this.xla.policyFor(t.id))?.csatTargetPercent ?? null,
    })));
    // A team deleted under its conversations leaves them without a row: they count as team-less.
    const known = new Set(teams.map((t) => t.id));
    const orphans = waitingRows.filter((r) => r.teamId !== null && !known.has(r.teamId));
    const noTeam = group(null);
    if (orphans.length) {
      noTeam.waiting += orphans.reduce((s, r) => s + r.n, 0);
      noTeam.conversations = [...noTeam.conversations, ...[...lists].filter(([id]) => id !== null && !known.has(id)).flatMap(([, l]) => l)]
        .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince)).slice(0, SUPERVISOR_WAITING_LIST);
    }
    const now = this.clock.now();
    const atRisk = await this.repo.atRisk(LIST);
    const breached = await this.repo.breached(LIST);
    const negative = await this.repo.negative(LIST);
    const rows = supervisorRows(await this.repo.rowFacts([...new Set([...atRisk, ...breached, ...negative])]));
    const pick = (list: string[]) => [...new Set(list)].map((id) => rows.get(id)).filter((r): r is SupervisorQueueRow => !!r);
    return {
      generatedAt: now.toISOString(),
      waiting,
      longestWaitSince: sinces[0]?.toISOString() ?? null,
      teams: teamRows,
      noTeam,
      agents: (await this.teams.agents()).sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'online' ? -1 : b.status === 'online' ? 1 : 0)),
      atRisk: pick(atRisk),
      breached: pick(breached),
      negative: pick(negative),
    };
  }

  /**
   * Conversations with a running SLA clock or a missed deadline still owed, soonest deadline first
   * (missed ones lead): "my SLA at risk" and sort by due.
   */
  async dueOrder(filter: DueOrderFilter): Promise<string[]> {
    return this.repo.dueOrder(filter);
  }

  /** The longest-waiting unassigned open conversations of every team (key null: no team yet). */
  private async waitingLists(): Promise<Map<string | null, SupervisorQueueRow[]>> {
    const found: { id: string; teamId: string | null }[] = [];
    for (const teamId of await this.repo.waitingTeamIds()) {
      found.push(...(await this.repo.waitingIn(teamId, SUPERVISOR_WAITING_LIST)).map((id) => ({ id, teamId })));
    }
    const rows = supervisorRows(await this.repo.rowFacts(found.map((f) => f.id)));
    const lists = new Map<string | null, SupervisorQueueRow[]>();
    for (const f of found) {
      const row = rows.get(f.id);
      if (row) lists.set(f.teamId, [...(lists.get(f.teamId) ?? []), row]);
    }
    return lists;
  }
}
