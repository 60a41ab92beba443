import type { Channel } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type { RoutingCandidate } from '@parley/domain';
import type {
  AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, RoutingRuleEntity, SlaTimerEntity, TeamEntity, TimelineEventEntity,
} from '@parley/persistence';

/** A claim's transaction: the agent's profile locked (PostgreSQL FOR UPDATE; SQLite transactions are serialized). */
export interface RoutingUnitOfWork {
  lockProfile(agentId: string): Promise<AgentProfileEntity | null>;
  conversation(id: string): Promise<ConversationEntity | null>;
  /** The agent's unresolved conversations, counted per channel. */
  unresolvedByChannel(agentId: string): Promise<{ channel: Channel; n: number }[]>;
  updateProfile(agentId: string, changes: Partial<AgentProfileEntity>): Promise<void>;
  /** Gives the conversation to the agent only while it still has `expectedAssigneeId` and is not resolved; whether it did. */
  claimConversation(id: string, agentId: string, expectedAssigneeId: string | null, changes: Partial<ConversationEntity>): Promise<boolean>;
  updateRouting(conversationId: string, changes: Partial<ConversationRoutingEntity>): Promise<void>;
  userName(id: string): Promise<string | null>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
}

/** What routing's use cases (decision, rules, assignment, transfer) read and write. */
export interface RoutingRepository {
  transaction<T>(work: (tx: RoutingUnitOfWork) => Promise<T>): Promise<T>;
  conversation(id: string): Promise<ConversationEntity | null>;
  conversationsByIds(ids: string[]): Promise<ConversationEntity[]>;
  customer(id: string): Promise<CustomerEntity | null>;
  team(id: string): Promise<TeamEntity | null>;
  exists(kind: 'team' | 'user' | 'inbox', id: string): Promise<boolean>;
  profile(agentId: string): Promise<AgentProfileEntity | null>;
  /** Creates the agent's profile (offline, automatic status) unless it has one. */
  ensureProfile(profile: AgentProfileEntity): Promise<void>;
  updateProfile(agentId: string, changes: Partial<AgentProfileEntity>): Promise<void>;
  unresolvedByChannel(agentId: string): Promise<{ channel: Channel; n: number }[]>;
  teamIdsOf(agentId: string): Promise<string[]>;
  countOnline(agentIds: string[]): Promise<number>;
  /** Sets the team only while the conversation has none. */
  setTeamIfNone(conversationId: string, teamId: string, at: Date): Promise<void>;
  /** Moves an unassigned conversation from one team to another; whether it was still there. */
  moveUnassigned(conversationId: string, fromTeamId: string, toTeamId: string, at: Date): Promise<boolean>;
  updateConversation(id: string, changes: Partial<ConversationEntity>): Promise<void>;
  /** The customer's most recent other conversation with an agent (sticky routing). */
  lastAgentOf(c: ConversationEntity): Promise<string | null>;
  /** The customer's first few messages in the conversation (the rules' keywords). */
  firstInboundTexts(conversationId: string, limit: number): Promise<string[]>;
  routing(conversationId: string): Promise<ConversationRoutingEntity | null>;
  /** Inserts unless the conversation has its row already. */
  insertRouting(row: ConversationRoutingEntity): Promise<void>;
  updateRouting(conversationId: string, changes: Partial<ConversationRoutingEntity>): Promise<void>;
  /** Marks the conversation as waiting unless it already waits (keeps its place in the queue). */
  markQueued(conversationId: string, at: Date): Promise<void>;
  incrementTransfers(conversationId: string): Promise<number>;
  /** Waiting conversations of these teams, best first (priority, boost, then longest waiting). */
  waitingIn(teamIds: string[], limit: number): Promise<string[]>;
  teamsWithWaiting(): Promise<string[]>;
  onlineMembersWithRoom(teamIds: string[]): Promise<string[]>;
  /** The team's online members as routing ranks them: capacity, load, skills, last assignment. */
  onlineCandidates(teamId: string): Promise<RoutingCandidate[]>;
  overflowTimer(conversationId: string): Promise<SlaTimerEntity | null>;
  insertTimer(timer: SlaTimerEntity): Promise<void>;
  updateTimer(id: string, changes: Partial<SlaTimerEntity>): Promise<void>;
  rules(): Promise<RoutingRuleEntity[]>;
  rule(id: string): Promise<RoutingRuleEntity | null>;
  lastRulePosition(): Promise<number>;
  insertRule(rule: RoutingRuleEntity): Promise<void>;
  updateRule(id: string, changes: Partial<RoutingRuleEntity>): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /** A setting's stored text (JSON), null while nobody saved it. */
  setting(key: string): Promise<string | null>;
  saveSetting(key: string, value: string): Promise<void>;
}

export const ROUTING_REPOSITORY = Symbol('ROUTING_REPOSITORY');
