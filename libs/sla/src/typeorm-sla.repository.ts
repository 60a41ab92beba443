import { Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import type { SlaMetric } from '@parley/contracts';
import { TimelineService } from '@parley/customers';
import {
  BusinessCalendarEntity, ConversationEntity, ConversationRoutingEntity, keysetCondition, MessageEntity, SlaPolicyEntity, SlaTimerEntity, TeamEntity, withTransaction, XlaEventEntity,
} from '@parley/persistence';
import { OVERFLOW_METRIC } from '@parley/routing';
import type { SlaRepository, SlaUnitOfWork } from './ports/sla.repository';

/** SLA timers on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSlaRepository implements SlaRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: SlaUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      insertXlaEvent: async (event) => void (await em.insert(XlaEventEntity, event)),
      appendTimeline: (event) => this.timeline.append(em, event),
    }));
  }

  conversation(id: string) { return this.db.getRepository(ConversationEntity).findOneBy({ id }); }
  team(id: string) { return this.db.getRepository(TeamEntity).findOneBy({ id }); }
  policy(id: string) { return this.db.getRepository(SlaPolicyEntity).findOneBy({ id }); }
  defaultPolicy() { return this.db.getRepository(SlaPolicyEntity).findOneBy({ isDefault: true }); }
  calendar(id: string) { return this.db.getRepository(BusinessCalendarEntity).findOneBy({ id }); }
  timer(id: string) { return this.db.getRepository(SlaTimerEntity).findOneBy({ id }); }

  timers(conversationId: string, metrics: SlaMetric[]) {
    return this.db.getRepository(SlaTimerEntity).findBy({ conversationId, metric: In(metrics) });
  }

  async slaTimersOf(conversationIds: string[]) {
    if (!conversationIds.length) return [];
    return this.db.getRepository(SlaTimerEntity).findBy({ conversationId: In(conversationIds), metric: Not(OVERFLOW_METRIC as SlaMetric) });
  }

  async insertTimer(timer: SlaTimerEntity) {
    await this.db.createQueryBuilder().insert().into(SlaTimerEntity).values(timer).orIgnore().execute();
  }

  async updateTimer(id: string, version: number, changes: Partial<SlaTimerEntity>) {
    return !!(await this.db.getRepository(SlaTimerEntity).update({ id, version }, changes)).affected;
  }

  async deleteTimer(id: string, version: number) {
    await this.db.getRepository(SlaTimerEntity).delete({ id, version });
  }

  async conversationsUnderPolicies(policyIds: string[], after: string, limit: number) {
    const rows: { id: string }[] = await this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .select('DISTINCT t.conversation_id', 'id')
      .where('t.policy_id IN (:...policyIds) AND t.met_at IS NULL AND t.conversation_id > :after', { policyIds, after })
      .orderBy('t.conversation_id', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => r.id);
  }

  async unresolvedOfTeam(teamId: string, limit: number) {
    const rows = await this.db.getRepository(ConversationEntity).find({ select: { id: true }, where: { teamId, status: Not('resolved') }, take: limit });
    return rows.map((r) => r.id);
  }

  async routingOf(conversationIds: string[]) {
    return conversationIds.length ? this.db.getRepository(ConversationRoutingEntity).findBy({ conversationId: In(conversationIds) }) : [];
  }

  async lastAgentReplyAt(conversationId: string) {
    const last = await this.db.getRepository(MessageEntity).findOne({
      select: { createdAt: true, id: true },
      where: { conversationId, direction: 'outbound', private: false, authorType: 'agent' },
      order: { createdAt: 'DESC' },
    });
    return last?.createdAt ?? null;
  }

  async firstInboundAfter(conversationId: string, after: Date | null) {
    const qb = this.db.getRepository(MessageEntity).createQueryBuilder('m')
      .select(['m.id', 'm.createdAt'])
      .where('m.conversationId = :id AND m.direction = :inbound', { id: conversationId, inbound: 'inbound' });
    if (after) qb.andWhere('m.createdAt > :after', { after });
    const first = await qb.orderBy('m.createdAt', 'ASC').limit(1).getOne();
    return first?.createdAt ?? null;
  }

  async changePriority(conversationId: string, from: ConversationEntity['priority'], to: ConversationEntity['priority'], at: Date) {
    return !!(await this.db.getRepository(ConversationEntity).update({ id: conversationId, priority: from }, { priority: to, updatedAt: at })).affected;
  }

  async unassign(conversationId: string, assigneeId: string, at: Date) {
    const res = await this.db.createQueryBuilder().update(ConversationEntity).set({ assigneeId: null, updatedAt: at })
      .where('id = :id AND assignee_id = :previous', { id: conversationId, previous: assigneeId }).execute();
    return !!res.affected;
  }

  async dueWithin(horizon: Date, after: { at: Date; id: string } | null, limit: number) {
    const qb = this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .select(['t.id', 't.nextFireAt'])
      .where('t.next_fire_at <= :horizon', { horizon })
      .orderBy('t.next_fire_at', 'ASC').addOrderBy('t.id', 'ASC')
      .limit(limit);
    if (after) {
      const later = keysetCondition(['t.next_fire_at', 't.id'], after, 'ASC');
      qb.andWhere(later.where, later.parameters);
    }
    const rows = await qb.getMany();
    return rows.map((r) => ({ id: r.id, nextFireAt: r.nextFireAt! }));
  }
}
