import type { Channel } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type { RoutingCandidate } from '@parley/domain';
import type {
  AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, RoutingRuleEntity, SlaTimerEntity, TeamEntity, TimelineEventEntity,
} from '@parley/persistence';
import type { RoutingRepository, RoutingUnitOfWork } from '../ports/routing.repository';

const copy = <T>(row: T): T => ({ ...row });
const PRIORITY = { urgent: 3, high: 2, normal: 1, low: 0 } as Record<string, number>;

/** Routing's storage in memory, for unit specs: the conditional claim behaves as the database's UPDATE … WHERE. */
export class InMemoryRoutingRepository implements RoutingRepository {
  conversations = new Map<string, ConversationEntity>();
  customers = new Map<string, CustomerEntity>();
  teams = new Map<string, TeamEntity>();
  users = new Map<string, { id: string; name: string }>();
  inboxes = new Set<string>();
  members: { teamId: string; agentId: string }[] = [];
  profiles = new Map<string, AgentProfileEntity>();
  routingRows = new Map<string, ConversationRoutingEntity>();
  timers = new Map<string, SlaTimerEntity>();
  ruleRows = new Map<string, RoutingRuleEntity>();
  inbound: { conversationId: string; content: string }[] = [];
  timeline: TimelineEventEntity[] = [];
  settings = new Map<string, string>();
  private seq = 0;

  async transaction<T>(work: (tx: RoutingUnitOfWork) => Promise<T>): Promise<T> {
    return work({
      lockProfile: (agentId) => this.profile(agentId),
      conversation: (id) => this.conversation(id),
      unresolvedByChannel: (agentId) => this.unresolvedByChannel(agentId),
      updateProfile: (agentId, changes) => this.updateProfile(agentId, changes),
      claimConversation: async (id, agentId, expected, changes) => {
        const c = this.conversations.get(id);
        if (!c || c.status === 'resolved' || (c.assigneeId ?? null) !== expected) return false;
        Object.assign(c, changes, { assigneeId: agentId });
        return true;
      },
      updateRouting: (conversationId, changes) => this.updateRouting(conversationId, changes),
      userName: async (id) => this.users.get(id)?.name ?? null,
      appendTimeline: async (event: NewTimelineEvent) => {
        const row = { id: `ev-${++this.seq}`, occurredAt: new Date(), channel: null, conversationId: null, messageId: null, direction: null, content: null, title: null, authorName: null, data: null, ...event } as TimelineEventEntity;
        this.timeline.push(row);
        return row;
      },
    });
  }

  async conversation(id: string) { const c = this.conversations.get(id); return c ? copy(c) : null; }
  async conversationsByIds(ids: string[]) { return ids.flatMap((id) => { const c = this.conversations.get(id); return c ? [copy(c)] : []; }); }
  async customer(id: string) { return this.customers.get(id) ?? null; }
  async team(id: string) { return this.teams.get(id) ?? null; }
  async exists(kind: 'team' | 'user' | 'inbox', id: string) {
    return kind === 'team' ? this.teams.has(id) : kind === 'user' ? this.users.has(id) : this.inboxes.has(id);
  }
  async profile(agentId: string) { const p = this.profiles.get(agentId); return p ? copy(p) : null; }
  async ensureProfile(profile: AgentProfileEntity) { if (!this.profiles.has(profile.userId)) this.profiles.set(profile.userId, copy(profile)); }
  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) { const p = this.profiles.get(agentId); if (p) Object.assign(p, changes); }

  async unresolvedByChannel(agentId: string) {
    const counts = new Map<Channel, number>();
    for (const c of this.conversations.values()) {
      if (c.assigneeId === agentId && c.status !== 'resolved') counts.set(c.channel, (counts.get(c.channel) ?? 0) + 1);
    }
    return [...counts].map(([channel, n]) => ({ channel, n }));
  }

  async teamIdsOf(agentId: string) { return this.members.filter((m) => m.agentId === agentId).map((m) => m.teamId); }
  async countOnline(agentIds: string[]) { return agentIds.filter((id) => this.profiles.get(id)?.status === 'online').length; }

  async setTeamIfNone(conversationId: string, teamId: string, at: Date) {
    const c = this.conversations.get(conversationId);
    if (c && !c.teamId) Object.assign(c, { teamId, updatedAt: at });
  }

  async moveUnassigned(conversationId: string, fromTeamId: string, toTeamId: string, at: Date) {
    const c = this.conversations.get(conversationId);
    if (!c || c.teamId !== fromTeamId || c.assigneeId) return false;
    Object.assign(c, { teamId: toTeamId, updatedAt: at });
    return true;
  }

  async updateConversation(id: string, changes: Partial<ConversationEntity>) { const c = this.conversations.get(id); if (c) Object.assign(c, changes); }

  async lastAgentOf(c: ConversationEntity) {
    const others = [...this.conversations.values()].filter((x) => x.customerId === c.customerId && x.id !== c.id && x.assigneeId);
    return others.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]?.assigneeId ?? null;
  }

  async firstInboundTexts(conversationId: string, limit: number) {
    return this.inbound.filter((m) => m.conversationId === conversationId).slice(0, limit).map((m) => m.content);
  }

  async routing(conversationId: string) { const r = this.routingRows.get(conversationId); return r ? copy(r) : null; }
  async insertRouting(row: ConversationRoutingEntity) { if (!this.routingRows.has(row.conversationId)) this.routingRows.set(row.conversationId, copy(row)); }
  async updateRouting(conversationId: string, changes: Partial<ConversationRoutingEntity>) { const r = this.routingRows.get(conversationId); if (r) Object.assign(r, changes); }

  async markQueued(conversationId: string, at: Date) {
    const r = this.routingRows.get(conversationId);
    if (r && !r.queuedAt) Object.assign(r, { queuedAt: at, updatedAt: at });
  }

  async incrementTransfers(conversationId: string) {
    const r = this.routingRows.get(conversationId)!;
    r.transfers += 1;
    return r.transfers;
  }

  private waiting(): { c: ConversationEntity; r: ConversationRoutingEntity }[] {
    return [...this.routingRows.values()]
      .map((r) => ({ r, c: this.conversations.get(r.conversationId)! }))
      .filter(({ r, c }) => r.queuedAt && c && !c.assigneeId && c.teamId && c.status === 'open');
  }

  async waitingIn(teamIds: string[], limit: number) {
    return this.waiting()
      .filter(({ c }) => teamIds.includes(c.teamId!))
      .sort((a, b) => PRIORITY[b.c.priority] - PRIORITY[a.c.priority] || b.r.boost - a.r.boost || a.r.queuedAt!.getTime() - b.r.queuedAt!.getTime())
      .slice(0, limit)
      .map(({ c }) => c.id);
  }

  async teamsWithWaiting() { return [...new Set(this.waiting().map(({ c }) => c.teamId!))]; }

  async onlineMembersWithRoom(teamIds: string[]) {
    const ids = this.members.filter((m) => teamIds.includes(m.teamId)).map((m) => m.agentId);
    return [...new Set(ids)].filter((id) => { const p = this.profiles.get(id); return p?.status === 'online' && p.load < p.capacity; });
  }

  async onlineCandidates(teamId: string): Promise<RoutingCandidate[]> {
    return this.members.filter((m) => m.teamId === teamId).map((m) => this.profiles.get(m.agentId))
      .filter((p): p is AgentProfileEntity => p?.status === 'online')
      .map((p) => ({ id: p.userId, online: true, capacity: p.capacity, load: p.load, skills: [...p.skills], lastAssignedAt: p.lastAssignedAt?.getTime() ?? null }));
  }

  async overflowTimer(conversationId: string) {
    return [...this.timers.values()].find((t) => t.conversationId === conversationId && t.metric === ('overflow' as never)) ?? null;
  }

  async insertTimer(timer: SlaTimerEntity) { if (!(await this.overflowTimer(timer.conversationId))) this.timers.set(timer.id, copy(timer)); }
  async updateTimer(id: string, changes: Partial<SlaTimerEntity>) { const t = this.timers.get(id); if (t) Object.assign(t, changes); }

  async rules() {
    return [...this.ruleRows.values()].sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime()).map(copy);
  }
  async rule(id: string) { const r = this.ruleRows.get(id); return r ? copy(r) : null; }
  async lastRulePosition() { return Math.max(0, ...[...this.ruleRows.values()].map((r) => r.position)); }
  async insertRule(rule: RoutingRuleEntity) { this.ruleRows.set(rule.id, copy(rule)); }
  async updateRule(id: string, changes: Partial<RoutingRuleEntity>) { const r = this.ruleRows.get(id); if (r) Object.assign(r, changes); }
  async deleteRule(id: string) { return this.ruleRows.delete(id); }
  async setting(key: string) { return this.settings.get(key) ?? null; }
  async saveSetting(key: string, value: string) { this.settings.set(key, value); }
}
