import type { AgentPresence } from '@parley/domain';

export interface ConversationFacts {
  id: string;
  customerId: string;
  customerName: string | null;
  assigneeId: string | null;
  teamId: string | null;
}

export interface NoteFacts {
  id: string;
  conversationId: string;
  content: string;
  private: boolean;
}

export interface AgentName {
  id: string;
  name: string;
}

/**
 * What notifications reads of other capabilities' rows (conversations, messages, users, presence,
 * teams, surveys): its own queries, so it needs none of those libraries.
 */
export interface NotificationFactsRepository {
  conversation(id: string): Promise<ConversationFacts | null>;
  /** Those of `ids` that exist, in one read (a dispatched group's conversations). */
  conversationsOf(ids: readonly string[]): Promise<ConversationFacts[]>;
  message(id: string): Promise<NoteFacts | null>;
  /** Those of `ids` that exist, in one read. */
  messagesOf(ids: readonly string[]): Promise<NoteFacts[]>;
  /** Users who may be mentioned: every user not disabled. */
  agents(): Promise<AgentName[]>;
  names(userIds: string[]): Promise<AgentName[]>;
  /** Presence by user id; a user without a profile is absent. */
  presence(userIds: string[]): Promise<Map<string, AgentPresence>>;
  /** Who watches a team's satisfaction: its lead and the supervisors and admins among its members. */
  teamLeads(teamId: string): Promise<string[]>;
  /** The survey's type (`csat`, `nps`, `ces`), null when unknown. */
  surveyType(surveyId: string): Promise<string | null>;
}

export const NOTIFICATION_FACTS_REPOSITORY = Symbol('NOTIFICATION_FACTS_REPOSITORY');
