import type { ConversationDto, MessageDto, TimelineEventDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import type { RealtimePublisher } from '@parley/channels-core';
import type { InboundPlan } from '@parley/domain';
import { ConversationEntity, CustomerEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';

export interface IngestResult {
  message: MessageDto;
  conversation: ConversationDto;
  /** True when this provider message was already stored: nothing new was written. */
  duplicate: boolean;
}

/** What an identity-only update (`InboundMessage.identityOnly`) did: no message, no conversation. */
export interface SenderUpdated {
  identityOnly: true;
  /** The sender's customer; null when the sender was unknown and the update introduced nobody. */
  customerId: string | null;
  /** Something was written (the identity, the customer, or both created). */
  changed: boolean;
  /** Nothing new: a redelivery, or an event that repeats what is known. */
  duplicate: boolean;
}

/** What the pipeline answers for one inbound item: a stored message, or an identity-only update. */
export type IngestOutcome = IngestResult | SenderUpdated;

export const isSenderUpdate = (outcome: IngestOutcome): outcome is SenderUpdated => 'identityOnly' in outcome;

/** One earlier version of an edited message, kept in its `metadata.edits` (oldest first). */
export interface MessageEdit {
  /** The edit's provider id: a re-delivered edit is applied once. */
  id: string;
  /** The content this edit replaced; null when the first version never reached us. */
  content: string | null;
  editedAt: string;
}

/** A written plan as entities: the conversation and customer as they now stand. */
export interface PlanWritten {
  message: MessageEntity;
  timeline: TimelineEventEntity;
  conversation: ConversationEntity;
  customer: CustomerEntity;
}

/** The entities a written plan leaves (`conversation`: the one it continued, as read before). */
export function writtenEntities(plan: InboundPlan, conversation: ConversationEntity | null, customer: CustomerEntity): PlanWritten {
  const after = Object.assign(conversation ?? new ConversationEntity(), plan.conversationInsert ?? plan.conversationAfter);
  if (plan.customerUpdate) Object.assign(customer, plan.customerUpdate.set);
  return {
    message: Object.assign(new MessageEntity(), plan.message),
    timeline: Object.assign(new TimelineEventEntity(), plan.timeline[plan.timeline.length - 1]),
    conversation: after,
    customer,
  };
}

/** What agents see of a stored message, at once. */
export function announce(realtime: RealtimePublisher, result: IngestResult, opened: boolean, timeline: TimelineEventDto | null): void {
  const { conversation, message } = result;
  realtime.toAgents(opened ? AGENT_EVENTS.conversationCreated : AGENT_EVENTS.conversationUpdated, conversation);
  realtime.toAgents(AGENT_EVENTS.messageCreated, message);
  if (timeline) realtime.toAgents(AGENT_EVENTS.timelineCreated, timeline);
}
