import type {
  ChannelIdentityEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, TeamEntity, TeamMemberEntity,
} from '@parley/persistence';

/** Unassigned open conversations of one team (null: no team yet). */
export interface WaitingCount {
  teamId: string | null;
  n: number;
  /** When the longest of them started waiting (queued, else created). */
  since: Date | null;
}

/** What the supervisor's rows are made of, for a set of conversations. */
export interface SupervisorRowFacts {
  conversations: ConversationEntity[];
  customers: CustomerEntity[];
  identities: ChannelIdentityEntity[];
  routing: ConversationRoutingEntity[];
  timers: SlaTimerEntity[];
}

export interface DueOrderFilter {
  /** null: unassigned only. */
  assigneeId?: string | null;
  teamId?: string;
  /** Only warned or missed deadlines. */
  atRisk?: boolean;
  limit: number;
}

/** What the supervisor's queue view and the due-date ordering read. */
export interface SupervisorRepository {
  waitingByTeam(): Promise<WaitingCount[]>;
  /** The teams with waiting conversations (null among them: conversations without a team). */
  waitingTeamIds(): Promise<(string | null)[]>;
  /** A team's waiting conversations, longest waiting first. */
  waitingIn(teamId: string | null, limit: number): Promise<string[]>;
  /** By name. */
  teams(): Promise<TeamEntity[]>;
  teamMembers(): Promise<TeamMemberEntity[]>;
  /** Teams some routing rule sends conversations to (once per rule). */
  routedTeamIds(): Promise<string[]>;
  /** Conversations (not resolved) of warned running SLA timers, soonest deadline first; one per timer. */
  atRisk(limit: number): Promise<string[]>;
  /** Conversations (not resolved) of missed deadlines still owed, earliest breach first; one per timer. */
  breached(limit: number): Promise<string[]>;
  /** Conversations (not resolved) whose customer sounds negative, most recent first. */
  negative(limit: number): Promise<string[]>;
  /** Conversations with a running SLA clock or a missed deadline still owed, soonest first. */
  dueOrder(filter: DueOrderFilter): Promise<string[]>;
  rowFacts(conversationIds: readonly string[]): Promise<SupervisorRowFacts>;
}

export const SUPERVISOR_REPOSITORY = Symbol('SUPERVISOR_REPOSITORY');
