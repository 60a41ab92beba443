import type { AgentProfileEntity, TeamEntity, TeamMemberEntity, UserEntity } from '@parley/persistence';
import type { TeamsRepository, TeamsUnitOfWork } from '../ports/teams.repository';

const copy = <T>(row: T): T => ({ ...row });
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Teams, memberships and agent profiles in memory, for unit specs; rows that refer to a team are plain lists here. */
export class InMemoryTeamsRepository implements TeamsRepository {
  teamRows = new Map<string, TeamEntity>();
  memberRows: TeamMemberEntity[] = [];
  userRows = new Map<string, UserEntity>();
  profileRows = new Map<string, AgentProfileEntity>();
  slaPolicies = new Set<string>();
  /** What else names a team: routing rules, XLA policies, conversations (their status). */
  rules: { id: string; teamId: string }[] = [];
  xlaPolicies: { id: string; teamId: string | null }[] = [];
  conversations: { id: string; teamId: string | null; status: string }[] = [];

  async transaction<T>(work: (tx: TeamsUnitOfWork) => Promise<T>): Promise<T> {
    return work({
      insertTeam: async (team) => {
        if (this.teamRows.has(team.id)) throw new Error(`duplicate team ${team.id}`);
        this.teamRows.set(team.id, copy(team));
      },
      updateTeam: async (id, changes) => { const t = this.teamRows.get(id); if (t) Object.assign(t, changes); },
      replaceMembers: async (teamId, agentIds, at) => {
        this.memberRows = this.memberRows.filter((m) => m.teamId !== teamId);
        for (const agentId of new Set(agentIds)) this.memberRows.push({ teamId, agentId, createdAt: at });
      },
      deleteTeam: async (id) => {
        this.rules = this.rules.filter((r) => r.teamId !== id);
        this.xlaPolicies = this.xlaPolicies.filter((x) => x.teamId !== id);
        this.memberRows = this.memberRows.filter((m) => m.teamId !== id);
        for (const t of this.teamRows.values()) if (t.overflowTeamId === id) Object.assign(t, { overflowTeamId: null, overflowAfterMinutes: null });
        this.teamRows.delete(id);
      },
    });
  }

  async teams() { return [...this.teamRows.values()].sort(byName).map(copy); }
  async team(id: string) { const t = this.teamRows.get(id); return t ? copy(t) : null; }
  async teamExists(id: string) { return this.teamRows.has(id); }
  async slaPolicyExists(id: string) { return this.slaPolicies.has(id); }
  async members(teamId?: string) { return this.memberRows.filter((m) => teamId === undefined || m.teamId === teamId).map(copy); }
  async teamIdsOf(agentId: string) { return this.memberRows.filter((m) => m.agentId === agentId).map((m) => m.teamId); }

  async addMember(teamId: string, agentId: string, at: Date) {
    if (!this.memberRows.some((m) => m.teamId === teamId && m.agentId === agentId)) this.memberRows.push({ teamId, agentId, createdAt: at });
  }

  async removeMember(teamId: string, agentId: string) { this.memberRows = this.memberRows.filter((m) => m.teamId !== teamId || m.agentId !== agentId); }
  async countUnresolved(teamId: string) { return this.conversations.filter((c) => c.teamId === teamId && c.status !== 'resolved').length; }

  async users() { return [...this.userRows.values()].sort(byName).map(copy); }
  async user(id: string) { const u = this.userRows.get(id); return u ? copy(u) : null; }
  async userExists(id: string) { return this.userRows.has(id); }
  async knownUserIds(ids: string[]) { return ids.filter((id) => this.userRows.has(id)); }

  async profiles(agentIds?: string[]) {
    return [...this.profileRows.values()].filter((p) => agentIds === undefined || agentIds.includes(p.userId)).map(copy);
  }

  async insertProfiles(profiles: AgentProfileEntity[]) {
    for (const p of profiles) if (!this.profileRows.has(p.userId)) this.profileRows.set(p.userId, copy(p));
  }

  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) { const p = this.profileRows.get(agentId); if (p) Object.assign(p, changes); }
}
