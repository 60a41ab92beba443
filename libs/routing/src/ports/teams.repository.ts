import type { AgentProfileEntity, TeamEntity, TeamMemberEntity, UserEntity } from '@parley/persistence';

/** A team and its members written together (create, update), or a team removed with what refers to it. */
export interface TeamsUnitOfWork {
  insertTeam(team: TeamEntity): Promise<void>;
  updateTeam(id: string, changes: Partial<TeamEntity>): Promise<void>;
  /** The team's members become exactly these agents (no duplicates). */
  replaceMembers(teamId: string, agentIds: string[], at: Date): Promise<void>;
  /** Deletes the team, its routing rules, XLA targets and memberships; teams overflowing into it stop overflowing. */
  deleteTeam(id: string): Promise<void>;
}

/** What the teams and agents use cases read and write. */
export interface TeamsRepository {
  transaction<T>(work: (tx: TeamsUnitOfWork) => Promise<T>): Promise<T>;
  /** Every team, by name. */
  teams(): Promise<TeamEntity[]>;
  team(id: string): Promise<TeamEntity | null>;
  teamExists(id: string): Promise<boolean>;
  slaPolicyExists(id: string): Promise<boolean>;
  /** Memberships of one team, or of every team. */
  members(teamId?: string): Promise<TeamMemberEntity[]>;
  teamIdsOf(agentId: string): Promise<string[]>;
  /** Adds the agent unless already a member. */
  addMember(teamId: string, agentId: string, at: Date): Promise<void>;
  removeMember(teamId: string, agentId: string): Promise<void>;
  /** Conversations of the team not yet resolved. */
  countUnresolved(teamId: string): Promise<number>;
  /** Every user, by name. */
  users(): Promise<UserEntity[]>;
  user(id: string): Promise<UserEntity | null>;
  userExists(id: string): Promise<boolean>;
  /** Which of these ids name users. */
  knownUserIds(ids: string[]): Promise<string[]>;
  /** The profiles of these agents, or every profile. */
  profiles(agentIds?: string[]): Promise<AgentProfileEntity[]>;
  /** Inserts the profiles, skipping agents that got one meanwhile. */
  insertProfiles(profiles: AgentProfileEntity[]): Promise<void>;
  updateProfile(agentId: string, changes: Partial<AgentProfileEntity>): Promise<void>;
}

export const TEAMS_REPOSITORY = Symbol('TEAMS_REPOSITORY');
