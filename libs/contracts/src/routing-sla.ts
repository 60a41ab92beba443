// Routing, presence, SLA and XLA: the REST DTOs and `/agents` events of teams, agents and timers.
import type { Channel } from './index';

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

export type AgentStatus = 'online' | 'away' | 'offline';
export const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'offline'];

export type RoutingStrategy = 'round_robin' | 'least_busy' | 'skills';
export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = ['round_robin', 'least_busy', 'skills'];

/** An agent as routing sees them: presence, capacity (in channel-weight points) and skills. */
export interface AgentDto {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'supervisor' | 'admin';
  status: AgentStatus;
  /**
   * Set when the status was not chosen by the agent: `away` because the last console tab closed, or
   * `offline` before their first console session. Opening the console makes such an agent online.
   */
  autoAway: boolean;
  capacity: number;
  /** Weighted sum of the agent's unresolved conversations. */
  load: number;
  /** `lang:ru`, `channel:email`, `tag:billing`… */
  skills: string[];
  teamIds: string[];
}

/** `presence.updated` on `/agents`. */
export type PresenceEvent = Pick<AgentDto, 'id' | 'status' | 'autoAway' | 'load' | 'capacity'>;

export interface TeamDto {
  id: string;
  name: string;
  strategy: RoutingStrategy;
  /** A returning customer goes to their last agent when that agent is online and has room. */
  sticky: boolean;
  overflowTeamId: string | null;
  overflowAfterMinutes: number | null;
  slaPolicyId: string | null;
  /** The user answerable for the team (detractor follow-ups go to them); null: none named. */
  leadId: string | null;
  memberIds: string[];
  createdAt: string;
}

/** Evaluated in `position` order when a conversation has no team yet; every set condition must match. */
export interface RoutingRuleDto {
  id: string;
  position: number;
  teamId: string;
  inboxId: string | null;
  language: string | null;
  keywords: string[];
}

export interface RoutingSettingsDto {
  /** Capacity points one open conversation of the channel takes (a chat costs more than an email). */
  channelWeights: Record<Channel, number>;
}

export interface TransferRequest {
  teamId?: string;
  agentId?: string;
  note: string;
}

/** Open hours: `day` 0 = Sunday … 6 = Saturday; `end` ≤ `start` runs past midnight into the next day. */
export interface WeeklyInterval {
  day: number;
  start: string;
  end: string;
}

export interface BusinessCalendarDto {
  id: string;
  name: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  hours: WeeklyInterval[];
  /** Whole local days off, YYYY-MM-DD. */
  holidays: string[];
}

export interface SlaTargets {
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
}

export type EscalationAction = 'notify_supervisors' | 'raise_priority' | 'reassign';
export const ESCALATION_ACTIONS: readonly EscalationAction[] = ['notify_supervisors', 'raise_priority', 'reassign'];

export interface SlaPolicyDto {
  id: string;
  name: string;
  /** null: the clock runs around the clock. */
  calendarId: string | null;
  targets: Record<Priority, SlaTargets>;
  /** Warning at this share of the target, e.g. 80. */
  warnAtPercent: number;
  escalation: { warning: EscalationAction[]; breach: EscalationAction[] };
  /** Applies to conversations whose team names no policy. */
  isDefault: boolean;
}

export type SlaMetric = 'first_response' | 'next_response' | 'resolution' | 'negative_reply';
export type SlaTimerState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaTimerDto {
  metric: SlaMetric;
  state: SlaTimerState;
  /** null while paused. */
  dueAt: string | null;
  warnAt: string | null;
  /** Business seconds left (meaningful while paused). */
  remainingSeconds: number;
  targetSeconds: number;
  warned: boolean;
  breachedAt: string | null;
  metAt: string | null;
}

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** `sla.updated` on `/agents`, and GET /api/sla/conversations. */
export interface ConversationSlaDto {
  conversationId: string;
  policyId: string | null;
  timers: SlaTimerDto[];
  /** The earliest due time of a running timer (what the countdown shows). */
  nextDueAt: string | null;
  nextWarnAt: string | null;
  breached: boolean;
  sentiment: Sentiment | null;
}

/** `sla.escalated` on `/agents`: shown to supervisors. */
export interface SlaEscalationEvent {
  conversationId: string;
  metric: SlaMetric;
  phase: 'warning' | 'breach';
  actions: EscalationAction[];
}

export interface XlaPolicyDto {
  id: string;
  /** null: the default for teams without their own. */
  teamId: string | null;
  negativeReplyMinutes: number | null;
  maxTransfers: number | null;
  repeatContactDays: number | null;
  /** Share of satisfied survey responses the team aims for, in percent. */
  csatTargetPercent: number | null;
}

export type XlaKind = 'negative_reply' | 'max_transfers' | 'repeat_contact' | 'csat';

export interface SupervisorQueueRow {
  conversationId: string;
  /**
   * The customer's name, else their email address or phone, else what the channel calls them (an
   * email sender's address, a Telegram name); null only for a web chat visitor who gave none.
   */
  customerName: string | null;
  channel: Channel;
  teamId: string | null;
  assigneeId: string | null;
  priority: Priority;
  status: string;
  waitingSince: string;
  nextDueAt: string | null;
  /** The earliest deadline that was missed and is still owed (set when `breached`). */
  missedDueAt: string | null;
  breached: boolean;
  sentiment: Sentiment | null;
}

/** Unassigned open conversations of one team (or of none), longest waiting first. */
export interface SupervisorWaitingGroup {
  waiting: number;
  longestWaitSince: string | null;
  /** The first `SUPERVISOR_WAITING_LIST` of them; `waiting` counts them all. */
  conversations: SupervisorQueueRow[];
}

export const SUPERVISOR_WAITING_LIST = 50;

export interface SupervisorTeamRow extends SupervisorWaitingGroup {
  teamId: string;
  name: string;
  memberCount: number;
  /** False: no routing rule names the team, so nothing is routed to it (only transfers reach it). */
  hasRoutingRule: boolean;
  csatPercent: number | null;
  csatTargetPercent: number | null;
}

export interface SupervisorQueueDto {
  generatedAt: string;
  /** All waiting conversations: the teams' `waiting` plus `noTeam.waiting`. */
  waiting: number;
  longestWaitSince: string | null;
  teams: SupervisorTeamRow[];
  /** Waiting conversations no rule has routed to a team yet. */
  noTeam: SupervisorWaitingGroup;
  agents: AgentDto[];
  atRisk: SupervisorQueueRow[];
  breached: SupervisorQueueRow[];
  negative: SupervisorQueueRow[];
}
