import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SavedViewEntity, TeamEntity, TeamMemberEntity } from '@parley/persistence';
import type { SavedViewRepository } from './ports/saved-view.repository';

@Injectable()
export class TypeOrmSavedViewRepository implements SavedViewRepository {
  constructor(private readonly db: DataSource) {}

  view(id: string) { return this.db.getRepository(SavedViewEntity).findOneBy({ id }); }

  visibleTo(ownerId: string, teamIds: string[], allShared: boolean) {
    const qb = this.db.getRepository(SavedViewEntity).createQueryBuilder('v').where('(v.ownerId = :ownerId AND v.teamId IS NULL)', { ownerId });
    if (allShared) qb.orWhere('v.teamId IS NOT NULL');
    else if (teamIds.length) qb.orWhere('v.teamId IN (:...teamIds)', { teamIds });
    return qb.orderBy('v.position', 'ASC').addOrderBy('v.createdAt', 'ASC').getMany();
  }

  async insert(row: SavedViewEntity) { await this.db.getRepository(SavedViewEntity).insert(row); }

  async update(id: string, changes: Partial<SavedViewEntity>) { await this.db.getRepository(SavedViewEntity).update({ id }, changes); }

  async delete(id: string) { await this.db.getRepository(SavedViewEntity).delete({ id }); }

  async nextPosition(ownerId: string) {
    const row = await this.db.getRepository(SavedViewEntity).createQueryBuilder('v')
      .select('MAX(v.position)', 'max').where('v.ownerId = :ownerId', { ownerId }).getRawOne<{ max: number | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async teamIdsOf(userId: string) {
    return (await this.db.getRepository(TeamMemberEntity).findBy({ agentId: userId })).map((m) => m.teamId);
  }

  teamExists(id: string) { return this.db.getRepository(TeamEntity).existsBy({ id }); }
}
