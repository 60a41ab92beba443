import type {
  AgentStatus, MacroRunState, AuthorType, CannedScope, CollaboratorReason, NotificationType, Channel, ConversationStatus, DeliveryStatus, MessageDirection, Priority, Role, RoutingStrategy,
  Sentiment, SlaTimerState, SurveyState, SurveyType, TimelineEventType, UserLocale, XlaKind,
} from '@parley/contracts';
import type { ContactSource } from './entities/customer.entity';

// The schema's rules in one place: which values an enumerated column admits (from the TS unions:
// a `Record<Union, true>` fails to compile when the union gains or loses a member) and what every
// reference points at. Migration 1765700000000 turns them into CHECK and FOREIGN KEY constraints on
// PostgreSQL; a later change to a union needs a migration that re-creates that column's CHECK.
const values = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

const CHANNELS = values<Channel>({ webchat: true, sms: true, whatsapp: true, telegram: true, email: true, viber: true, vk: true, messenger: true, instagram: true });
const DIRECTIONS = values<MessageDirection>({ inbound: true, outbound: true });
const SOURCES = values<ContactSource>({ agent: true, verified: true, channel: true, prechat: true });
const SURVEY_TYPES = values<SurveyType>({ csat: true, nps: true, ces: true });
const SENTIMENTS = values<Sentiment>({ negative: true, neutral: true, positive: true });

export interface EnumCheck { table: string; column: string; values: readonly string[] }

export const ENUM_CHECKS: readonly EnumCheck[] = [
  { table: 'conversations', column: 'status', values: values<ConversationStatus>({ open: true, pending: true, snoozed: true, resolved: true }) },
  { table: 'conversations', column: 'channel', values: CHANNELS },
  { table: 'conversations', column: 'priority', values: values<Priority>({ low: true, normal: true, high: true, urgent: true }) },
  { table: 'messages', column: 'channel', values: CHANNELS },
  { table: 'messages', column: 'direction', values: DIRECTIONS },
  { table: 'messages', column: 'author_type', values: values<AuthorType>({ customer: true, agent: true, system: true }) },
  {
    table: 'messages', column: 'delivery_status',
    values: values<DeliveryStatus>({ pending: true, queued: true, sent: true, delivered: true, read: true, undelivered: true, failed: true }),
  },
  { table: 'timeline_events', column: 'channel', values: CHANNELS },
  { table: 'timeline_events', column: 'direction', values: DIRECTIONS },
  {
    table: 'timeline_events', column: 'type',
    values: values<TimelineEventType>({
      message: true, note: true, conversation_opened: true, status_changed: true, assigned: true, crm_event: true, customer_merged: true,
      customer_unmerged: true, transferred: true, sla_breached: true, xla_breached: true, survey_sent: true, survey_answered: true,
      label_added: true, label_removed: true,
      priority_changed: true,
    }),
  },
  { table: 'channel_identities', column: 'channel', values: CHANNELS },
  { table: 'inboxes', column: 'channel', values: CHANNELS },
  { table: 'customers', column: 'email_source', values: SOURCES },
  { table: 'customers', column: 'phone_source', values: SOURCES },
  { table: 'merge_suggestions', column: 'status', values: ['open', 'dismissed', 'merged'] },
  { table: 'users', column: 'role', values: values<Role>({ agent: true, supervisor: true, admin: true }) },
  { table: 'users', column: 'locale', values: values<UserLocale>({ en: true, ru: true }) },
  { table: 'agent_profiles', column: 'status', values: values<AgentStatus>({ online: true, away: true, offline: true }) },
  { table: 'teams', column: 'strategy', values: values<RoutingStrategy>({ round_robin: true, least_busy: true, skills: true }) },
  { table: 'conversation_routing', column: 'sentiment', values: SENTIMENTS },
  { table: 'message_sentiments', column: 'label', values: SENTIMENTS },
  { table: 'sla_timers', column: 'state', values: values<SlaTimerState>({ running: true, paused: true, met: true, breached: true }) },
  { table: 'xla_events', column: 'kind', values: values<XlaKind>({ negative_reply: true, max_transfers: true, repeat_contact: true, csat: true }) },
  { table: 'survey_settings', column: 'scope', values: ['inbox', 'team'] },
  { table: 'survey_settings', column: 'type', values: SURVEY_TYPES },
  { table: 'surveys', column: 'type', values: SURVEY_TYPES },
  {
    table: 'surveys', column: 'state',
    values: values<SurveyState>({ sent: true, awaiting_comment: true, completed: true, left: true, unsubscribed: true, skipped: true }),
  },
  { table: 'survey_responses', column: 'type', values: SURVEY_TYPES },
];

export type OnDelete = 'CASCADE' | 'SET NULL' | 'NO ACTION';

export interface Reference { table: string; column: string; references: string; onDelete: OnDelete }

const ref = (table: string, column: string, references: string, onDelete: OnDelete = 'NO ACTION'): Reference => ({ table, column, references, onDelete });

/**
 * Every reference between rows. NO ACTION where nothing deletes the parent (customers stay as merge
 * pointers, users are disabled, conversations and messages are kept); SET NULL for optional links
 * to what can go away (a team, a policy, a calendar); CASCADE for rows that mean nothing without
 * their parent (a team's members, rules and XLA targets). Without a foreign key: `survey_settings.scope_id`
 * (an inbox or a team), `sla_timers.policy_id` (an SLA policy, or the team of an overflow timer) and
 * `messages.author_id` (an agent, or a system actor; a text column).
 */
export const REFERENCES: readonly Reference[] = [
  ref('channel_identities', 'customer_id', 'customers'),
  ref('customers', 'merged_into_id', 'customers'),
  ref('conversations', 'customer_id', 'customers'),
  ref('conversations', 'inbox_id', 'inboxes'),
  ref('conversations', 'assignee_id', 'users', 'SET NULL'),
  ref('conversations', 'team_id', 'teams', 'SET NULL'),
  ref('messages', 'conversation_id', 'conversations'),
  ref('messages', 'customer_id', 'customers'),
  ref('messages', 'inbox_id', 'inboxes'),
  ref('timeline_events', 'customer_id', 'customers'),
  ref('timeline_events', 'conversation_id', 'conversations', 'SET NULL'),
  ref('timeline_events', 'message_id', 'messages', 'SET NULL'),
  ref('merge_suggestions', 'customer_a_id', 'customers', 'CASCADE'),
  ref('merge_suggestions', 'customer_b_id', 'customers', 'CASCADE'),
  ref('customer_merges', 'target_customer_id', 'customers'),
  ref('customer_merges', 'source_customer_id', 'customers'),
  ref('auth_sessions', 'user_id', 'users', 'CASCADE'),
  ref('agent_profiles', 'user_id', 'users', 'CASCADE'),
  ref('agent_sockets', 'user_id', 'users', 'CASCADE'),
  ref('teams', 'overflow_team_id', 'teams', 'SET NULL'),
  ref('teams', 'sla_policy_id', 'sla_policies', 'SET NULL'),
  ref('teams', 'lead_id', 'users', 'SET NULL'),
  ref('team_members', 'team_id', 'teams', 'CASCADE'),
  ref('team_members', 'agent_id', 'users', 'CASCADE'),
  ref('routing_rules', 'team_id', 'teams', 'CASCADE'),
  ref('routing_rules', 'inbox_id', 'inboxes', 'CASCADE'),
  ref('conversation_routing', 'conversation_id', 'conversations', 'CASCADE'),
  ref('message_sentiments', 'message_id', 'messages', 'CASCADE'),
  ref('message_sentiments', 'conversation_id', 'conversations', 'CASCADE'),
  ref('sla_policies', 'calendar_id', 'business_calendars', 'SET NULL'),
  ref('sla_timers', 'conversation_id', 'conversations', 'CASCADE'),
  ref('xla_policies', 'team_id', 'teams', 'CASCADE'),
  ref('xla_events', 'conversation_id', 'conversations', 'CASCADE'),
  ref('xla_events', 'team_id', 'teams', 'SET NULL'),
  ref('surveys', 'conversation_id', 'conversations'),
  ref('surveys', 'customer_id', 'customers'),
  ref('surveys', 'inbox_id', 'inboxes'),
  ref('surveys', 'team_id', 'teams', 'SET NULL'),
  ref('surveys', 'agent_id', 'users', 'SET NULL'),
  ref('survey_responses', 'survey_id', 'surveys', 'CASCADE'),
  ref('survey_responses', 'conversation_id', 'conversations'),
  ref('survey_responses', 'customer_id', 'customers'),
  ref('survey_responses', 'team_id', 'teams', 'SET NULL'),
  ref('survey_responses', 'agent_id', 'users', 'SET NULL'),
  ref('survey_opt_outs', 'customer_id', 'customers', 'CASCADE'),
  ref('survey_recoveries', 'survey_id', 'surveys', 'CASCADE'),
  ref('survey_recoveries', 'conversation_id', 'conversations'),
  ref('survey_recoveries', 'customer_id', 'customers'),
  ref('survey_recoveries', 'team_id', 'teams', 'SET NULL'),
  ref('survey_recoveries', 'assignee_id', 'users', 'SET NULL'),
];

/**
 * References of tables newer than migration 1765700000000, which creates the keys of REFERENCES on a
 * fresh database before these tables exist: each is created by the migration that adds its table.
 */
export const LATER_REFERENCES: readonly Reference[] = [
  // A label on a conversation means nothing without either side.
  ref('conversation_labels', 'conversation_id', 'conversations', 'CASCADE'),
  ref('conversation_labels', 'label_id', 'labels', 'CASCADE'),
  ref('conversation_labels', 'added_by', 'users', 'SET NULL'),
];

/** The rules of `canned_responses`, created by its migration (1765900000000). */
export const CANNED_RESPONSE_CHECKS: readonly EnumCheck[] = [
  { table: 'canned_responses', column: 'scope', values: values<CannedScope>({ personal: true, team: true, shared: true }) },
];

export const CANNED_RESPONSE_REFERENCES: readonly Reference[] = [
  // A personal response goes with its owner, a team's with the team.
  ref('canned_responses', 'owner_id', 'users', 'CASCADE'),
  ref('canned_responses', 'team_id', 'teams', 'CASCADE'),
];

/** The rules of the notification tables, created by their migration (1765950000000). */
export const NOTIFICATION_CHECKS: readonly EnumCheck[] = [
  {
    table: 'notifications', column: 'type',
    values: values<NotificationType>({ assigned: true, message: true, mention: true, sla_warning: true, sla_breach: true, detractor: true }),
  },
  { table: 'conversation_collaborators', column: 'reason', values: values<CollaboratorReason>({ mention: true, manual: true }) },
];

export const NOTIFICATION_REFERENCES: readonly Reference[] = [
  // An agent's notifications and choices go with the agent; a conversation's with the conversation.
  ref('notifications', 'user_id', 'users', 'CASCADE'),
  ref('notifications', 'conversation_id', 'conversations', 'CASCADE'),
  ref('notifications', 'customer_id', 'customers', 'SET NULL'),
  ref('notifications', 'actor_id', 'users', 'SET NULL'),
  ref('conversation_collaborators', 'conversation_id', 'conversations', 'CASCADE'),
  ref('conversation_collaborators', 'user_id', 'users', 'CASCADE'),
  ref('conversation_collaborators', 'added_by', 'users', 'SET NULL'),
  ref('notification_settings', 'user_id', 'users', 'CASCADE'),
];

/** The rules of the macro tables, created by their migration (1765970000000). */
export const MACRO_CHECKS: readonly EnumCheck[] = [
  { table: 'macros', column: 'scope', values: values<CannedScope>({ personal: true, team: true, shared: true }) },
  { table: 'macro_runs', column: 'state', values: values<MacroRunState>({ running: true, applied: true, failed: true, undone: true }) },
  { table: 'macro_run_items', column: 'outcome', values: ['applying', 'applied', 'failed', 'undone'] },
];

export const MACRO_REFERENCES: readonly Reference[] = [
  // A personal macro goes with its owner, a team's with the team; runs and their items with their user and conversation.
  ref('macros', 'owner_id', 'users', 'CASCADE'),
  ref('macros', 'team_id', 'teams', 'CASCADE'),
  ref('macro_runs', 'user_id', 'users', 'CASCADE'),
  ref('macro_run_items', 'run_id', 'macro_runs', 'CASCADE'),
  ref('macro_run_items', 'conversation_id', 'conversations', 'CASCADE'),
];
