import type { SlaMetric } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type {
  BusinessCalendarEntity, ConversationEntity, ConversationRoutingEntity, SlaPolicyEntity, SlaTimerEntity, TeamEntity, TimelineEventEntity, XlaEventEntity,
} from '@parley/persistence';

/** A breach is recorded in one transaction: the XLA event (if any) and the timeline row. */
export interface SlaUnitOfWork {
  insertXlaEvent(event: XlaEventEntity): Promise<void>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
}

/** What the SLA use cases (arm, pause/resume, meet, fire, escalate) read and write. */
export interface SlaRepository {
  transaction<T>(work: (tx: SlaUnitOfWork) => Promise<T>): Promise<T>;
  conversation(id: string): Promise<ConversationEntity | null>;
  team(id: string): Promise<TeamEntity | null>;
  policy(id: string): Promise<SlaPolicyEntity | null>;
  defaultPolicy(): Promise<SlaPolicyEntity | null>;
  calendar(id: string): Promise<BusinessCalendarEntity | null>;
  timer(id: string): Promise<SlaTimerEntity | null>;
  timers(conversationId: string, metrics: SlaMetric[]): Promise<SlaTimerEntity[]>;
  /** Every timer of these conversations but the routing's overflow deadline. */
  slaTimersOf(conversationIds: string[]): Promise<SlaTimerEntity[]>;
  /** Inserts unless the conversation already has a timer of this metric (a concurrent arm won). */
  insertTimer(timer: SlaTimerEntity): Promise<void>;
  /** Applies only while the row still has `version` (optimistic lock); whether it did. */
  updateTimer(id: string, version: number, changes: Partial<SlaTimerEntity>): Promise<boolean>;
  deleteTimer(id: string, version: number): Promise<void>;
  /** Conversations with an unmet timer under these policies, by id after `after`. */
  conversationsUnderPolicies(policyIds: string[], after: string, limit: number): Promise<string[]>;
  unresolvedOfTeam(teamId: string, limit: number): Promise<string[]>;
  routingOf(conversationIds: string[]): Promise<ConversationRoutingEntity[]>;
  /** When an agent last answered publicly. */
  lastAgentReplyAt(conversationId: string): Promise<Date | null>;
  /** The customer's first message after `after` (any, when null). */
  firstInboundAfter(conversationId: string, after: Date | null): Promise<Date | null>;
  /** Raises the priority only if it is still `from`; whether it did. */
  changePriority(conversationId: string, from: ConversationEntity['priority'], to: ConversationEntity['priority'], at: Date): Promise<boolean>;
  /** Takes the conversation from `assigneeId` only if it still has them; whether it did. */
  unassign(conversationId: string, assigneeId: string, at: Date): Promise<boolean>;
  /** Timers due by `horizon`, by (next_fire_at, id), a page after the keyset `after` (from the start when null). */
  dueWithin(horizon: Date, after: { at: Date; id: string } | null, limit: number): Promise<{ id: string; nextFireAt: Date }[]>;
}

export const SLA_REPOSITORY = Symbol('SLA_REPOSITORY');
