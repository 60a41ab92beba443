import type {
  ChannelIdentityEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, TeamEntity, TeamMemberEntity,
} from '@parley/persistence';
import type { DueOrderFilter, SupervisorRepository, SupervisorRowFacts, WaitingCount } from '../ports/supervisor.repository';

const copy = <T>(row: T): T => ({ ...row });
const time = (d: Date | null | undefined) => d?.getTime() ?? Number.POSITIVE_INFINITY;
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The supervisor's reads in memory, for unit specs: the joins and orderings of the SQL, on plain rows. */
export class InMemorySupervisorRepository implements SupervisorRepository {
  conversations = new Map<string, ConversationEntity>();
  customers = new Map<string, CustomerEntity>();
  identities: ChannelIdentityEntity[] = [];
  routing = new Map<string, ConversationRoutingEntity>();
  timers: SlaTimerEntity[] = [];
  teamRows: TeamEntity[] = [];
  members: TeamMemberEntity[] = [];
  /** The team of each routing rule. */
  ruleTeams: string[] = [];

  private waiting() {
    return [...this.conversations.values()].filter((c) => c.assigneeId === null && c.status === 'open')
      .map((c) => ({ c, since: this.routing.get(c.id)?.queuedAt ?? c.createdAt }));
  }

  private unresolved(conversationId: string) {
    const c = this.conversations.get(conversationId);
    return c && c.status !== 'resolved' ? c : null;
  }

  async waitingByTeam(): Promise<WaitingCount[]> {
    const groups = new Map<string | null, WaitingCount>();
    for (const { c, since } of this.waiting()) {
      const g = groups.get(c.teamId) ?? { teamId: c.teamId, n: 0, since: null };
      groups.set(c.teamId, { ...g, n: g.n + 1, since: g.since && g.since <= since ? g.since : since });
    }
    return [...groups.values()];
  }

  async waitingTeamIds() { return [...new Set(this.waiting().map(({ c }) => c.teamId))]; }

  async waitingIn(teamId: string | null, limit: number) {
    return this.waiting().filter(({ c }) => c.teamId === teamId).sort((a, b) => a.since.getTime() - b.since.getTime()).slice(0, limit).map(({ c }) => c.id);
  }

  async teams() { return [...this.teamRows].sort(byName).map(copy); }
  async teamMembers() { return this.members.map(copy); }
  async routedTeamIds() { return [...this.ruleTeams]; }

  async atRisk(limit: number) {
    return this.timers.filter((t) => t.state === 'running' && t.warned && t.metric !== ('overflow' as never) && this.unresolved(t.conversationId))
      .sort((a, b) => time(a.dueAt) - time(b.dueAt)).slice(0, limit).map((t) => t.conversationId);
  }

  async breached(limit: number) {
    return this.timers.filter((t) => t.state === 'breached' && !t.metAt && this.unresolved(t.conversationId))
      .sort((a, b) => time(a.breachedAt) - time(b.breachedAt)).slice(0, limit).map((t) => t.conversationId);
  }

  async negative(limit: number) {
    return [...this.routing.values()].filter((r) => r.sentiment === 'negative' && this.unresolved(r.conversationId))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, limit).map((r) => r.conversationId);
  }

  async dueOrder(filter: DueOrderFilter) {
    const due = new Map<string, number>();
    for (const t of this.timers) {
      const c = this.unresolved(t.conversationId);
      if (!c || t.metric === ('overflow' as never)) continue;
      if (!((t.state === 'running' && t.dueAt) || (t.state === 'breached' && !t.metAt && c.status === 'open'))) continue;
      if (filter.assigneeId === null ? c.assigneeId !== null : filter.assigneeId && c.assigneeId !== filter.assigneeId) continue;
      if (filter.teamId && c.teamId !== filter.teamId) continue;
      if (filter.atRisk && !(t.warned || t.state === 'breached')) continue;
      due.set(c.id, Math.min(due.get(c.id) ?? Number.POSITIVE_INFINITY, time(t.dueAt ?? t.breachedAt)));
    }
    return [...due].sort((a, b) => a[1] - b[1]).slice(0, filter.limit).map(([id]) => id);
  }

  async rowFacts(conversationIds: readonly string[]): Promise<SupervisorRowFacts> {
    const ids = [...new Set(conversationIds)];
    const conversations = ids.map((id) => this.conversations.get(id)).filter((c): c is ConversationEntity => !!c).map(copy);
    const customerIds = new Set(conversations.map((c) => c.customerId));
    return {
      conversations,
      customers: [...customerIds].map((id) => this.customers.get(id)).filter((c): c is CustomerEntity => !!c).map(copy),
      identities: this.identities.filter((i) => customerIds.has(i.customerId)).map(copy),
      routing: ids.map((id) => this.routing.get(id)).filter((r): r is ConversationRoutingEntity => !!r).map(copy),
      timers: this.timers.filter((t) => ids.includes(t.conversationId)).map(copy),
    };
  }
}
