/** The same union as `NotificationType` in contracts (domain imports nothing of ours; the lib checks they agree). */
export type NotificationKind = 'assigned' | 'message' | 'mention' | 'sla_warning' | 'sla_breach' | 'detractor';

/** Presence as routing keeps it. */
export type AgentPresence = 'online' | 'away' | 'offline';

/** What happened, with who is concerned by it (read by the listener from the conversation). */
export type NotificationFact =
  | { type: 'assigned'; assigneeId: string | null; actorId: string | null }
  | { type: 'message'; assigneeId: string | null; collaboratorIds: readonly string[] }
  | { type: 'mention'; mentionedIds: readonly string[]; actorId: string | null }
  | { type: 'sla_warning' | 'sla_breach'; assigneeId: string | null }
  | { type: 'detractor'; leadIds: readonly string[] };

/** Who a fact concerns, before presence and settings: each once, never the one who acted. */
export function recipientsOf(fact: NotificationFact): string[] {
  const ids = ((): (string | null)[] => {
    switch (fact.type) {
      case 'assigned': return [fact.assigneeId];
      case 'message': return [fact.assigneeId, ...fact.collaboratorIds];
      case 'mention': return [...fact.mentionedIds];
      case 'sla_warning':
      case 'sla_breach': return [fact.assigneeId];
      case 'detractor': return [...fact.leadIds];
    }
  })();
  const actor = 'actorId' in fact ? fact.actorId : null;
  return [...new Set(ids.filter((id): id is string => !!id && id !== actor))];
}

/** An agent's choices; an event they never set is on. */
export interface RecipientPreferences {
  presence: AgentPresence | null;
  events: Partial<Record<NotificationKind, boolean>>;
}

/**
 * Whether the agent gets this notification: an agent who is away hears only of mentions (someone
 * asked for them by name); otherwise their settings decide, every event on by default.
 */
export function wantsNotification(type: NotificationKind, prefs: RecipientPreferences): boolean {
  if (prefs.presence === 'away' && type !== 'mention') return false;
  return prefs.events[type] !== false;
}

/** The recipients that remain after presence and settings. */
export function notifiedUsers(fact: NotificationFact, prefs: (userId: string) => RecipientPreferences): string[] {
  return recipientsOf(fact).filter((id) => wantsNotification(fact.type, prefs(id)));
}

/** How many notifications the centre lists and an agent keeps. */
export const NOTIFICATION_CENTRE_SIZE = 100;
