import type { Channel, Priority, SupervisorQueueRow } from '@parley/contracts';
import type { ChannelIdentityEntity, CustomerEntity } from '@parley/persistence';
import type { SupervisorRowFacts } from './ports/supervisor.repository';

/** Channels whose identity id is something a person recognises (an address, a number), unlike a visitor token or chat id. */
const READABLE_ID: ReadonlySet<Channel> = new Set<Channel>(['email', 'sms', 'whatsapp']);

/**
 * What to call the customer of a conversation: their name, email or phone as the console shows them,
 * else what the conversation's channel knows (an email sender's name or address, a Telegram name).
 * Null only when nothing is known: a web chat visitor who never said who they are.
 */
export function customerLabel(customer: Pick<CustomerEntity, 'name' | 'email' | 'phone'> | undefined, identities: readonly Pick<ChannelIdentityEntity, 'channel' | 'displayName' | 'externalId'>[], channel: Channel): string | null {
  const own = customer?.name?.trim() || customer?.email?.trim() || customer?.phone?.trim();
  if (own) return own;
  const ordered = [...identities].sort((a, b) => Number(b.channel === channel) - Number(a.channel === channel));
  for (const identity of ordered) {
    const shown = identity.displayName?.trim() || (READABLE_ID.has(identity.channel) ? identity.externalId.replace(/^whatsapp:/, '') : '');
    if (shown) return shown;
  }
  return null;
}

/** The queue's rows for the conversations read, keyed by id (an id not found has no row). */
export function supervisorRows(facts: SupervisorRowFacts): Map<string, SupervisorQueueRow> {
  const { conversations, identities, timers } = facts;
  const customers = new Map(facts.customers.map((c) => [c.id, c]));
  const routing = new Map(facts.routing.map((r) => [r.conversationId, r]));
  return new Map(conversations.map((c) => {
    const mine = timers.filter((t) => t.conversationId === c.id && t.metric !== ('overflow' as never));
    const due = mine.filter((t) => t.state === 'running' && t.dueAt).map((t) => t.dueAt!).sort((a, b) => a.getTime() - b.getTime())[0];
    const missed = mine.filter((t) => t.state === 'breached' && !t.metAt).map((t) => t.dueAt ?? t.breachedAt).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0];
    const row: SupervisorQueueRow = {
      conversationId: c.id,
      customerName: customerLabel(customers.get(c.customerId), identities.filter((i) => i.customerId === c.customerId), c.channel),
      channel: c.channel,
      teamId: c.teamId,
      assigneeId: c.assigneeId,
      priority: c.priority as Priority,
      status: c.status,
      waitingSince: (routing.get(c.id)?.queuedAt ?? c.lastInboundAt ?? c.createdAt).toISOString(),
      nextDueAt: due?.toISOString() ?? null,
      missedDueAt: missed?.toISOString() ?? null,
      breached: mine.some((t) => t.state === 'breached' && !t.metAt),
      sentiment: routing.get(c.id)?.sentiment ?? null,
    };
    return [c.id, row];
  }));
}
