import type { DomainEvent } from '@parley/domain';
import type { JobQueue } from '@parley/queue';

/**
 * The pipeline's publisher of domain events: after commit, ingest, outbound and conversation
 * changes say what happened, one job per publication on the durable queue `follow-up`. The
 * worker's dispatcher (libs/jobs/src/domain-event-dispatcher.ts) hands the events to every
 * listener (routing, SLA, XLA, surveys, sentiment…); listeners read the conversation's current
 * state, so jobs may run late, twice or out of order without harm.
 */
export const FOLLOW_UP_QUEUE = 'follow-up';

/** What ingest, outbound and the conversation service publish (the shapes they have always queued). */
export type FollowUp =
  /** `resumed`: the conversation was not open before this message (pending, snoozed, resolved); absent on jobs queued by older versions. */
  | { kind: 'inbound'; conversationId: string; messageId: string; opened: boolean; resumed?: boolean }
  /** One group commit's messages, each continuing an open-or-resumed conversation (never opening one). */
  | { kind: 'inbound-batch'; events: { conversationId: string; messageId: string; resumed: boolean }[] }
  | { kind: 'reply'; conversationId: string; messageId: string }
  | { kind: 'status'; conversationId: string; from: string; to: string }
  | { kind: 'assignment'; conversationId: string; previousAssigneeId: string | null; previousTeamId: string | null; actorId?: string; at?: string }
  | { kind: 'note'; conversationId: string; messageId: string; authorId: string };

/** The job's data: the events of one publication (one message, or one group commit's messages). */
export interface DomainEventsJob {
  events: DomainEvent[];
  /** A retry job: only these listeners, in dispatch order (see the dispatcher). */
  listeners?: string[];
}

export function domainEventsOf(followUp: FollowUp): DomainEvent[] {
  switch (followUp.kind) {
    case 'inbound': {
      const { conversationId, messageId, opened, resumed } = followUp;
      const received: DomainEvent = { type: 'message.received', conversationId, messageId, opened, ...(resumed === undefined ? {} : { resumed }) };
      return opened ? [{ type: 'conversation.opened', conversationId, messageId }, received] : [received];
    }
    case 'inbound-batch':
      return followUp.events.map((e) => ({ type: 'message.received', conversationId: e.conversationId, messageId: e.messageId, opened: false, resumed: e.resumed }));
    case 'reply':
      return [{ type: 'message.replied', conversationId: followUp.conversationId, messageId: followUp.messageId }];
    case 'status':
      return [{ type: 'conversation.status_changed', conversationId: followUp.conversationId, from: followUp.from, to: followUp.to }];
    case 'assignment': {
      const { conversationId, previousAssigneeId, previousTeamId, actorId, at } = followUp;
      return [{ type: 'conversation.assigned', conversationId, previousAssigneeId, previousTeamId, ...(actorId ? { actorId } : {}), ...(at ? { at } : {}) }];
    }
    case 'note':
      return [{ type: 'note.added', conversationId: followUp.conversationId, messageId: followUp.messageId, authorId: followUp.authorId }];
  }
}

/** A job's events: its `events`, or a `FollowUp` queued by a version before domain events. */
export function domainEventsJobOf(data: Record<string, unknown>): DomainEventsJob {
  if (Array.isArray(data.events) && typeof data.kind !== 'string') return data as unknown as DomainEventsJob;
  return { events: domainEventsOf(data as unknown as FollowUp) };
}

export async function publishDomainEvents(queue: JobQueue, events: DomainEvent[], jobId: string): Promise<void> {
  if (events.length === 0) return;
  const job: DomainEventsJob = { events };
  await queue.add(FOLLOW_UP_QUEUE, events[events.length - 1].type, job as unknown as Record<string, unknown>, { jobId: `fu-${jobId}`, attempts: 5, backoffMs: 500 });
}

/** The publisher as ingest, outbound and the conversation service call it. */
export function enqueueFollowUp(queue: JobQueue, event: FollowUp, jobId: string): Promise<void> {
  return publishDomainEvents(queue, domainEventsOf(event), jobId);
}
