import type { JobQueue } from '@parley/queue';

/**
 * After-commit work of the conversation pipeline (routing, sentiment, SLA and XLA timers). The
 * pipeline only says what happened; the worker's follow-up processor reads the conversation's
 * current state, so jobs may run late, twice or out of order without harm.
 */
export const FOLLOW_UP_QUEUE = 'follow-up';

export type FollowUp =
  /** `resumed`: the conversation was not open before this message (pending, snoozed, resolved); absent on jobs queued by older versions. */
  | { kind: 'inbound'; conversationId: string; messageId: string; opened: boolean; resumed?: boolean }
  /** One group commit's messages, each continuing an open-or-resumed conversation (never opening one). */
  | { kind: 'inbound-batch'; events: { conversationId: string; messageId: string; resumed: boolean }[] }
  | { kind: 'reply'; conversationId: string; messageId: string }
  | { kind: 'status'; conversationId: string; from: string; to: string }
  | { kind: 'assignment'; conversationId: string; previousAssigneeId: string | null; previousTeamId: string | null };

export function enqueueFollowUp(queue: JobQueue, event: FollowUp, jobId: string): Promise<void> {
  return queue.add(FOLLOW_UP_QUEUE, event.kind, event as unknown as Record<string, unknown>, { jobId: `fu-${jobId}`, attempts: 5, backoffMs: 500 });
}
