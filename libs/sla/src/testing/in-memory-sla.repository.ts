import type { SlaMetric } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type {
  BusinessCalendarEntity, ConversationEntity, ConversationRoutingEntity, MessageEntity, SlaPolicyEntity, SlaTimerEntity, TeamEntity, TimelineEventEntity, XlaEventEntity,
} from '@parley/persistence';
import type { SlaRepository, SlaUnitOfWork } from '../ports/sla.repository';

const copy = <T>(row: T): T => ({ ...row });

/** SLA storage in memory, for unit specs; the version check behaves as the database's conditional UPDATE. */
export class InMemorySlaRepository implements SlaRepository {
  conversations = new Map<string, ConversationEntity>();
  teams = new Map<string, TeamEntity>();
  policies = new Map<string, SlaPolicyEntity>();
  calendars = new Map<string, BusinessCalendarEntity>();
  timerRows = new Map<string, SlaTimerEntity>();
  routing: ConversationRoutingEntity[] = [];
  messages: Pick<MessageEntity, 'conversationId' | 'direction' | 'private' | 'authorType' | 'createdAt'>[] = [];
  xlaEvents: XlaEventEntity[] = [];
  timeline: TimelineEventEntity[] = [];
  private seq = 0;

  async transaction<T>(work: (tx: SlaUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { xla: [...this.xlaEvents], timeline: [...this.timeline] };
    try {
      return await work({
        insertXlaEvent: async (event) => void this.xlaEvents.push(copy(event)),
        appendTimeline: async (event: NewTimelineEvent) => {
          const row = { id: `ev-${++this.seq}`, occurredAt: new Date(), channel: null, conversationId: null, messageId: null, direction: null, content: null, title: null, authorName: null, data: null, ...event } as TimelineEventEntity;
          this.timeline.push(row);
          return row;
        },
      });
    } catch (err) {
      this.xlaEvents = saved.xla;
      this.timeline = saved.timeline;
      throw err;
    }
  }

  async conversation(id: string) { const c = this.conversations.get(id); return c ? copy(c) : null; }
  async team(id: string) { return this.teams.get(id) ?? null; }
  async policy(id: string) { return this.policies.get(id) ?? null; }
  async defaultPolicy() { return [...this.policies.values()].find((p) => p.isDefault) ?? null; }
  async calendar(id: string) { return this.calendars.get(id) ?? null; }
  async timer(id: string) { const t = this.timerRows.get(id); return t ? copy(t) : null; }

  async timers(conversationId: string, metrics: SlaMetric[]) {
    return [...this.timerRows.values()].filter((t) => t.conversationId === conversationId && metrics.includes(t.metric)).map(copy);
  }

  async slaTimersOf(conversationIds: string[]) {
    return [...this.timerRows.values()].filter((t) => conversationIds.includes(t.conversationId) && t.metric !== ('overflow' as SlaMetric)).map(copy);
  }

  async insertTimer(timer: SlaTimerEntity) {
    const taken = [...this.timerRows.values()].some((t) => t.conversationId === timer.conversationId && t.metric === timer.metric);
    if (!taken) this.timerRows.set(timer.id, copy(timer));
  }

  async updateTimer(id: string, version: number, changes: Partial<SlaTimerEntity>) {
    const t = this.timerRows.get(id);
    if (!t || t.version !== version) return false;
    Object.assign(t, changes);
    return true;
  }

  async deleteTimer(id: string, version: number) {
    if (this.timerRows.get(id)?.version === version) this.timerRows.delete(id);
  }

  async conversationsUnderPolicies(policyIds: string[], after: string, limit: number) {
    const ids = [...this.timerRows.values()].filter((t) => t.policyId && policyIds.includes(t.policyId) && !t.metAt && t.conversationId > after).map((t) => t.conversationId);
    return [...new Set(ids)].sort().slice(0, limit);
  }

  async unresolvedOfTeam(teamId: string, limit: number) {
    return [...this.conversations.values()].filter((c) => c.teamId === teamId && c.status !== 'resolved').slice(0, limit).map((c) => c.id);
  }

  async routingOf(conversationIds: string[]) {
    return this.routing.filter((r) => conversationIds.includes(r.conversationId));
  }

  async lastAgentReplyAt(conversationId: string) {
    const replies = this.messages.filter((m) => m.conversationId === conversationId && m.direction === 'outbound' && !m.private && m.authorType === 'agent');
    return replies.map((m) => m.createdAt).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  }

  async firstInboundAfter(conversationId: string, after: Date | null) {
    const inbound = this.messages.filter((m) => m.conversationId === conversationId && m.direction === 'inbound' && (!after || m.createdAt > after));
    return inbound.map((m) => m.createdAt).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  }

  async changePriority(conversationId: string, from: ConversationEntity['priority'], to: ConversationEntity['priority'], at: Date) {
    const c = this.conversations.get(conversationId);
    if (!c || c.priority !== from) return false;
    Object.assign(c, { priority: to, updatedAt: at });
    return true;
  }

  async unassign(conversationId: string, assigneeId: string, at: Date) {
    const c = this.conversations.get(conversationId);
    if (!c || c.assigneeId !== assigneeId) return false;
    Object.assign(c, { assigneeId: null, updatedAt: at });
    return true;
  }

  async dueWithin(horizon: Date, after: { at: Date; id: string } | null, limit: number) {
    const afterKey = (at: Date, id: string) => !after || at > after.at || (at.getTime() === after.at.getTime() && id > after.id);
    return [...this.timerRows.values()]
      .filter((t) => t.nextFireAt && t.nextFireAt <= horizon && afterKey(t.nextFireAt, t.id))
      .map((t) => ({ id: t.id, nextFireAt: t.nextFireAt! }))
      .sort((a, b) => a.nextFireAt.getTime() - b.nextFireAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }
}
