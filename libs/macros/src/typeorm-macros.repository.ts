import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { isUniqueViolation, MacroEntity, MacroRunEntity, MacroRunItemEntity, TeamEntity, TeamMemberEntity, UserEntity } from '@parley/persistence';
import type { MacrosRepository } from './ports/macros.repository';

/** Macros and their runs on TypeORM, the same statements on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmMacrosRepository implements MacrosRepository {
  constructor(private readonly db: DataSource) {}

  private get macros() { return this.db.getRepository(MacroEntity); }
  private get runs() { return this.db.getRepository(MacroRunEntity); }
  private get itemRows() { return this.db.getRepository(MacroRunItemEntity); }

  list(scopeKeys: string[], allTeams: boolean) {
    const qb = this.macros.createQueryBuilder('m').where('m.scope_key IN (:...keys)', { keys: scopeKeys });
    if (allTeams) qb.orWhere(`m.scope = 'team'`);
    return qb.orderBy('m.name', 'ASC').addOrderBy('m.id', 'ASC').getMany();
  }

  get(id: string) { return this.macros.findOneBy({ id }); }
  async insert(row: MacroEntity) { await this.macros.insert(row); }
  async update(id: string, changes: Partial<MacroEntity>) { await this.macros.update({ id }, changes); }
  async delete(id: string) { await this.macros.delete({ id }); }

  async teamIdsOf(userId: string) {
    return (await this.db.getRepository(TeamMemberEntity).find({ select: { teamId: true }, where: { agentId: userId } })).map((m) => m.teamId);
  }

  async teamNames(ids: string[]) {
    if (!ids.length) return new Map<string, string>();
    const rows = await this.db.getRepository(TeamEntity).find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((t) => [t.id, t.name]));
  }

  async agentNames(ids: string[]) {
    if (!ids.length) return new Map<string, string>();
    const rows = await this.db.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]), disabledAt: IsNull() } });
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  user(id: string) { return this.db.getRepository(UserEntity).findOne({ select: { id: true, name: true, role: true }, where: { id } }); }

  async insertRun(run: MacroRunEntity) { await this.runs.insert(run); }
  run(id: string) { return this.runs.findOneBy({ id }); }
  async updateRun(id: string, changes: Partial<MacroRunEntity>) { await this.runs.update({ id }, changes); }

  lastRun(userId: string) {
    return this.runs.createQueryBuilder('r').where('r.user_id = :userId', { userId }).andWhere(`r.state <> 'failed'`)
      .orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').getOne();
  }

  item(runId: string, conversationId: string) { return this.itemRows.findOneBy({ runId, conversationId }); }

  async insertItem(item: MacroRunItemEntity) {
    try {
      await this.itemRows.insert(item);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async itemsOf(runId: string, conversationIds: string[]) {
    return conversationIds.length ? this.itemRows.findBy({ runId, conversationId: In([...new Set(conversationIds)]) }) : [];
  }

  async settleItems(items: MacroRunItemEntity[]) {
    if (!items.length) return;
    // One statement for the page: every row exists (written as `applying` before its first change).
    await this.itemRows.createQueryBuilder().insert().into(MacroRunItemEntity).values(items)
      .orUpdate(['outcome', 'undo', 'error', 'updated_at'], ['run_id', 'conversation_id']).execute();
  }

  async updateItem(runId: string, conversationId: string, changes: Partial<MacroRunItemEntity>) { await this.itemRows.update({ runId, conversationId }, changes); }

  async itemIds(runId: string, outcome: MacroRunItemEntity['outcome']) {
    return (await this.itemRows.find({ select: { conversationId: true }, where: { runId, outcome }, order: { conversationId: 'ASC' } })).map((i) => i.conversationId);
  }

  async outcomes(runId: string) {
    const rows: { outcome: MacroRunItemEntity['outcome']; n: string | number }[] = await this.itemRows.createQueryBuilder('i')
      .select('i.outcome', 'outcome').addSelect('COUNT(*)', 'n').where('i.run_id = :runId', { runId }).groupBy('i.outcome').getRawMany();
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  }
}
