import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AgentDto, AgentStatus, PresenceEvent, RoutingStrategy, TeamDto } from '@parley/contracts';
import { AGENT_EVENTS, ROUTING_STRATEGIES } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { isId, newId } from '@parley/domain';
import type { AgentProfileEntity, TeamEntity, UserEntity } from '@parley/persistence';
import { TEAMS_REPOSITORY, type TeamsRepository, type TeamsUnitOfWork } from './ports/teams.repository';
import { DEFAULT_CAPACITY } from './routing-settings.service';

export interface TeamInput {
  name?: string;
  strategy?: RoutingStrategy;
  sticky?: boolean;
  overflowTeamId?: string | null;
  overflowAfterMinutes?: number | null;
  slaPolicyId?: string | null;
  /** A user id; null clears it. */
  leadId?: string | null;
  memberIds?: string[];
}

export const toPresenceEvent = (a: AgentDto | AgentProfileEntity): PresenceEvent =>
  'userId' in a
    ? { id: a.userId, status: a.status, autoAway: a.autoAway, load: a.load, capacity: a.capacity }
    : { id: a.id, status: a.status, autoAway: a.autoAway, load: a.load, capacity: a.capacity };

/** Teams (routing queues), their members, and the agent profiles routing reads. */
@Injectable()
export class TeamsService {
  constructor(@Inject(TEAMS_REPOSITORY) private readonly repo: TeamsRepository, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

  async list(): Promise<TeamDto[]> {
    const teams = await this.repo.teams();
    const members = await this.repo.members();
    return teams.map((t) => this.toDto(t, members.filter((m) => m.teamId === t.id).map((m) => m.agentId)));
  }

  async get(id: string): Promise<TeamDto> {
    const team = await this.entity(id);
    const members = await this.repo.members(id);
    return this.toDto(team, members.map((m) => m.agentId));
  }

  async entity(id: string): Promise<TeamEntity> {
    const team = await this.repo.team(id);
    if (!team) throw new NotFoundException(`Team ${id} not found`);
    return team;
  }

  async create(input: TeamInput): Promise<TeamDto> {
    if (!input.name?.trim()) throw new BadRequestException('name is required');
    const team: TeamEntity = {
      id: newId(),
      name: input.name.trim(),
      strategy: 'round_robin',
      sticky: true,
      overflowTeamId: null,
      overflowAfterMinutes: null,
      slaPolicyId: null,
      leadId: null,
      createdAt: new Date(),
    };
    await this.validate(team, input);
    Object.assign(team, this.changes(input));
    await this.repo.transaction(async (tx) => {
      await tx.insertTeam(team);
      if (input.memberIds) await this.replaceMembers(tx, team.id, input.memberIds);
    });
    return this.get(team.id);
  }

  async update(id: string, input: TeamInput): Promise<TeamDto> {
    const team = await this.entity(id);
    await this.validate(team, input);
    await this.repo.transaction(async (tx) => {
      const changes = this.changes(input);
      if (Object.keys(changes).length) await tx.updateTeam(id, changes);
      if (input.memberIds) await this.replaceMembers(tx, id, input.memberIds);
    });
    return this.get(id);
  }

  async addMember(teamId: string, agentId: string): Promise<TeamDto> {
    await this.entity(teamId);
    await this.assertAgents([agentId]);
    await this.ensureProfiles([agentId]);
    await this.repo.addMember(teamId, agentId, new Date());
    return this.get(teamId);
  }

  async removeMember(teamId: string, agentId: string): Promise<TeamDto> {
    await this.entity(teamId);
    await this.repo.removeMember(teamId, agentId);
    return this.get(teamId);
  }

  /** Refused while conversations still wait or run in the team: they would be left in a queue nobody reads. */
  async remove(id: string): Promise<void> {
    const team = await this.entity(id);
    const open = await this.repo.countUnresolved(id);
    if (open) throw new ConflictException(`Team ${team.name} still has ${open} unresolved conversation${open === 1 ? '' : 's'}; transfer or resolve them first`);
    // Its rules and XLA targets mean nothing without it.
    await this.repo.transaction((tx) => tx.deleteTeam(id));
  }

  async teamIdsOf(agentId: string): Promise<string[]> {
    return this.repo.teamIdsOf(agentId);
  }

  // Agents

  async agents(): Promise<AgentDto[]> {
    const users = await this.repo.users();
    await this.ensureProfiles(users.map((u) => u.id));
    const profiles = new Map((await this.repo.profiles()).map((p) => [p.userId, p]));
    const members = await this.repo.members();
    return users.map((u) => this.toAgentDto(u, profiles.get(u.id)!, members.filter((m) => m.agentId === u.id).map((m) => m.teamId)));
  }

  async agent(id: string): Promise<AgentDto> {
    const user = await this.repo.user(id);
    if (!user) throw new NotFoundException(`Agent ${id} not found`);
    const [profile] = await this.ensureProfiles([id]);
    return this.toAgentDto(user, profile, await this.teamIdsOf(id));
  }

  async updateAgent(id: string, input: { capacity?: number; skills?: string[] }): Promise<AgentDto> {
    await this.agent(id);
    const changes: Partial<AgentProfileEntity> = { updatedAt: new Date() };
    if (input.capacity !== undefined) {
      if (!Number.isInteger(input.capacity) || input.capacity < 0 || input.capacity > 1000) throw new BadRequestException('capacity must be an integer 0…1000');
      changes.capacity = input.capacity;
    }
    if (input.skills !== undefined) {
      const skills = [...new Set(input.skills.map((s) => s.trim().toLowerCase()).filter(Boolean))];
      // Routing asks for exactly these three kinds; anything else would never match a conversation.
      const odd = skills.filter((s) => !/^(lang:[a-z]{2}|channel:(webchat|sms|whatsapp|telegram|email)|tag:\S.*)$/.test(s));
      if (odd.length) throw new BadRequestException(`Skills are lang:<code>, channel:<webchat|sms|whatsapp|telegram|email> or tag:<tag>; got ${odd.slice(0, 5).join(', ')}`);
      changes.skills = skills;
    }
    await this.repo.updateProfile(id, changes);
    const dto = await this.agent(id);
    this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(dto));
    return dto;
  }

  /**
   * Profiles are created on first use, offline with the default capacity. The status is marked
   * automatic (autoAway) because nobody chose it: the agent's first console tab brings them online.
   */
  async ensureProfiles(userIds: string[]): Promise<AgentProfileEntity[]> {
    if (!userIds.length) return [];
    const existing = await this.repo.profiles(userIds);
    const missing = userIds.filter((id) => !existing.some((p) => p.userId === id));
    if (missing.length) {
      const rows = missing.map((userId): AgentProfileEntity => ({
        userId, status: 'offline' as AgentStatus, autoAway: true, capacity: DEFAULT_CAPACITY, load: 0, skills: [], lastAssignedAt: null, updatedAt: new Date(),
      }));
      await this.repo.insertProfiles(rows);
      return this.repo.profiles(userIds);
    }
    return existing;
  }

  async assertAgents(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (!unique.length) return;
    const found = new Set(await this.repo.knownUserIds(unique));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length) throw new BadRequestException(`Unknown agent id${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).map((id) => String(id).slice(0, 60)).join(', ')}`);
  }

  private async validate(team: TeamEntity, input: TeamInput): Promise<void> {
    if (input.name !== undefined && !input.name.trim()) throw new BadRequestException('name must not be empty');
    if (input.strategy !== undefined && !ROUTING_STRATEGIES.includes(input.strategy)) throw new BadRequestException(`strategy must be one of ${ROUTING_STRATEGIES.join(', ')}`);
    if (input.overflowTeamId) {
      if (input.overflowTeamId === team.id) throw new BadRequestException('A team cannot overflow into itself');
      if (!(await this.repo.teamExists(input.overflowTeamId))) throw new BadRequestException(`Unknown overflow team ${input.overflowTeamId}`);
    }
    const minutes = input.overflowAfterMinutes;
    if (minutes !== undefined && minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60)) {
      throw new BadRequestException('overflowAfterMinutes must be an integer 1…10080');
    }
    if (input.overflowTeamId !== undefined || minutes !== undefined) {
      const target = input.overflowTeamId !== undefined ? input.overflowTeamId : team.overflowTeamId;
      const after = minutes !== undefined ? minutes : team.overflowAfterMinutes;
      if (!target !== (after === null || after === undefined)) throw new BadRequestException('Overflow needs both the next team and the minutes to wait, or neither');
    }
    if (input.slaPolicyId && !(await this.repo.slaPolicyExists(input.slaPolicyId))) {
      throw new BadRequestException(`Unknown SLA policy ${input.slaPolicyId}`);
    }
    if (input.leadId && !(isId(input.leadId) && (await this.repo.userExists(input.leadId)))) throw new BadRequestException(`Unknown team lead ${input.leadId}`);
    if (input.memberIds) await this.assertAgents(input.memberIds);
  }

  private changes(input: TeamInput): Partial<TeamEntity> {
    const c: Partial<TeamEntity> = {};
    if (input.name !== undefined) c.name = input.name.trim();
    if (input.strategy !== undefined) c.strategy = input.strategy;
    if (input.sticky !== undefined) c.sticky = input.sticky;
    if (input.overflowTeamId !== undefined) c.overflowTeamId = input.overflowTeamId;
    if (input.overflowAfterMinutes !== undefined) c.overflowAfterMinutes = input.overflowAfterMinutes;
    if (input.slaPolicyId !== undefined) c.slaPolicyId = input.slaPolicyId;
    if (input.leadId !== undefined) c.leadId = input.leadId;
    return c;
  }

  private async replaceMembers(tx: TeamsUnitOfWork, teamId: string, memberIds: string[]): Promise<void> {
    await this.ensureProfiles(memberIds);
    await tx.replaceMembers(teamId, memberIds, new Date());
  }

  private toDto(t: TeamEntity, memberIds: string[]): TeamDto {
    return {
      id: t.id,
      name: t.name,
      strategy: t.strategy,
      sticky: !!t.sticky,
      overflowTeamId: t.overflowTeamId,
      overflowAfterMinutes: t.overflowAfterMinutes,
      slaPolicyId: t.slaPolicyId,
      leadId: t.leadId ?? null,
      memberIds,
      createdAt: t.createdAt.toISOString(),
    };
  }

  private toAgentDto(u: UserEntity, p: AgentProfileEntity, teamIds: string[]): AgentDto {
    return {
      id: u.id, name: u.name, email: u.email, role: u.role, status: p.status, autoAway: !!p.autoAway, capacity: p.capacity, load: p.load,
      skills: p.skills ?? [], teamIds,
    };
  }
}
