import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendarEntity, SlaPolicyEntity, TeamEntity, withTransaction } from '@parley/persistence';
import type { SlaPoliciesRepository, SlaPoliciesUnitOfWork } from './ports/sla-policies.repository';

/** Calendars and SLA policies on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSlaPoliciesRepository implements SlaPoliciesRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: SlaPoliciesUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      clearDefault: async () => void (await em.update(SlaPolicyEntity, { isDefault: true }, { isDefault: false })),
      savePolicy: async (row) => void (await em.save(SlaPolicyEntity, row)),
      detachTeams: async (policyId) => void (await em.update(TeamEntity, { slaPolicyId: policyId }, { slaPolicyId: null })),
      deletePolicy: async (id) => void (await em.delete(SlaPolicyEntity, { id })),
    }));
  }

  calendars() { return this.db.getRepository(BusinessCalendarEntity).find({ order: { name: 'ASC' } }); }
  calendar(id: string) { return this.db.getRepository(BusinessCalendarEntity).findOneBy({ id }); }
  calendarExists(id: string) { return this.db.getRepository(BusinessCalendarEntity).existsBy({ id }); }
  async saveCalendar(row: BusinessCalendarEntity) { await this.db.getRepository(BusinessCalendarEntity).save(row); }
  async deleteCalendar(id: string) { await this.db.getRepository(BusinessCalendarEntity).delete({ id }); }
  calendarInUse(id: string) { return this.db.getRepository(SlaPolicyEntity).existsBy({ calendarId: id }); }
  policies() { return this.db.getRepository(SlaPolicyEntity).find({ order: { name: 'ASC' } }); }
  policy(id: string) { return this.db.getRepository(SlaPolicyEntity).findOneBy({ id }); }
}
