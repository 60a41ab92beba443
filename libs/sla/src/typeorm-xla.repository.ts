import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { TimelineService } from '@parley/customers';
import { ConversationEntity, MessageEntity, MessageSentimentEntity, TeamEntity, withTransaction, XlaEventEntity, XlaPolicyEntity } from '@parley/persistence';
import type { XlaRepository, XlaUnitOfWork } from './ports/xla.repository';

/** XLA policies and events on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmXlaRepository implements XlaRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: XlaUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      insertEvent: async (event) => void (await em.insert(XlaEventEntity, event)),
      appendTimeline: (event) => this.timeline.append(em, event),
    }));
  }

  policies() { return this.db.getRepository(XlaPolicyEntity).find(); }
  policyOf(teamId: string | null) { return this.db.getRepository(XlaPolicyEntity).findOneBy({ teamId: teamId ?? IsNull() }); }
  async savePolicy(row: XlaPolicyEntity) { await this.db.getRepository(XlaPolicyEntity).save(row); }
  async deletePolicy(id: string) { return !!(await this.db.getRepository(XlaPolicyEntity).delete({ id })).affected; }
  teamExists(id: string) { return this.db.getRepository(TeamEntity).existsBy({ id }); }
  conversation(id: string) { return this.db.getRepository(ConversationEntity).findOneBy({ id }); }
  async insertEvent(event: XlaEventEntity) { await this.db.getRepository(XlaEventEntity).insert(event); }

  async csatValues(teamId: string | null, since: Date) {
    const rows = await this.db.getRepository(XlaEventEntity).find({
      select: { value: true },
      where: { teamId: teamId ?? IsNull(), kind: 'csat', breached: false, occurredAt: MoreThanOrEqual(since) },
    });
    return rows.map((r) => r.value);
  }

  lastResolvedOf(customerId: string, exceptConversationId: string, since: Date) {
    return this.db.getRepository(ConversationEntity).findOne({
      where: { customerId, id: Not(exceptConversationId), status: 'resolved', resolvedAt: MoreThanOrEqual(since) },
      order: { resolvedAt: 'DESC' },
    });
  }

  sentimentsOf(messageIds: string[]) { return this.db.getRepository(MessageSentimentEntity).findBy({ messageId: In(messageIds) }); }

  messageTimes(messageIds: string[]) {
    return this.db.getRepository(MessageEntity).find({ select: { id: true, createdAt: true }, where: { id: In(messageIds) } });
  }
}
