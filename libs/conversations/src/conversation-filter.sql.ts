import type { SelectQueryBuilder } from 'typeorm';
import type { ConversationEntity } from '@parley/persistence';
import type { ConversationQuery } from './ports/conversation.repository';

// One SQL condition per filter, on the conversation alias `c`; the same text on SQLite and PostgreSQL.
// Conditions on other capabilities' rows (labels, collaborators, SLA timers, sentiment, surveys) are EXISTS
// subqueries, so a conversation appears once however many rows match, and the keyset order holds.
const SLA_CONDITIONS = {
  breached: `EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id AND t.state = 'breached')`,
  running: `EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id AND t.state IN ('running', 'paused'))
    AND NOT EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id AND t.state = 'breached')`,
  met: `EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id AND t.state <> 'met')`,
  none: `NOT EXISTS (SELECT 1 FROM sla_timers t WHERE t.conversation_id = c.id)`,
} as const;

/** Narrows `qb` (alias `c`) to the conversations matching `q`. */
export function applyConversationQuery(qb: SelectQueryBuilder<ConversationEntity>, q: ConversationQuery, now: Date): SelectQueryBuilder<ConversationEntity> {
  if (q.status) qb.andWhere('c.status = :status', { status: q.status });
  if (q.inboxId) qb.andWhere('c.inboxId = :inboxId', { inboxId: q.inboxId });
  if (q.assigneeId === null || q.unassigned) qb.andWhere('c.assigneeId IS NULL');
  else if (q.assigneeId) qb.andWhere('c.assigneeId = :assigneeId', { assigneeId: q.assigneeId });
  if (q.teamId) qb.andWhere('c.teamId = :teamId', { teamId: q.teamId });
  if (q.customerId) qb.andWhere('c.customerId = :customerId', { customerId: q.customerId });
  if (q.channel) qb.andWhere('c.channel = :channel', { channel: q.channel });
  if (q.priority) qb.andWhere('c.priority = :priority', { priority: q.priority });
  // One EXISTS per label (all of them must be on the conversation), each a lookup in the primary key.
  q.labelIds?.forEach((labelId, i) => {
    qb.andWhere(`EXISTS (SELECT 1 FROM conversation_labels cl${i} WHERE cl${i}.conversation_id = c.id AND cl${i}.label_id = :label${i})`, { [`label${i}`]: labelId });
  });
  if (q.followerId) {
    qb.andWhere('EXISTS (SELECT 1 FROM conversation_collaborators cc WHERE cc.conversation_id = c.id AND cc.user_id = :followerId)', { followerId: q.followerId });
  }
  if (q.slaState) qb.andWhere(`(${SLA_CONDITIONS[q.slaState]})`);
  if (q.sentiment) {
    qb.andWhere('EXISTS (SELECT 1 FROM conversation_routing r WHERE r.conversation_id = c.id AND r.sentiment = :sentiment)', { sentiment: q.sentiment });
  }
  if (q.csat) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM survey_responses sr WHERE sr.conversation_id = c.id AND sr.type = 'csat'
        AND sr.score >= :csatMin AND sr.score <= :csatMax)`,
      { csatMin: q.csat.min ?? 1, csatMax: q.csat.max ?? 5 },
    );
  }
  if (q.waitingLongerThanMinutes) {
    // The customer wrote last (a public reply moves last_message_at past last_inbound_at) and is still waiting.
    qb.andWhere(
      `c.status IN ('open', 'pending') AND c.lastInboundAt IS NOT NULL AND c.lastInboundAt >= c.lastMessageAt AND c.lastInboundAt < :waitingSince`,
      { waitingSince: new Date(now.getTime() - q.waitingLongerThanMinutes * 60_000) },
    );
  }
  return qb;
}
