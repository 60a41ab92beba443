import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BulkOperationEntity } from '@parley/persistence';
import type { BulkOperationRepository, BulkProgress } from '../ports/bulk-operation.repository';

@Injectable()
export class TypeOrmBulkOperationRepository implements BulkOperationRepository {
  constructor(private readonly db: DataSource) {}

  async insert(row: BulkOperationEntity) { await this.db.getRepository(BulkOperationEntity).insert(row); }

  operation(id: string) { return this.db.getRepository(BulkOperationEntity).findOneBy({ id }); }

  async update(id: string, changes: BulkProgress) { await this.db.getRepository(BulkOperationEntity).update({ id }, changes); }
}
