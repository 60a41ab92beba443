import type { BulkOperationEntity } from '@parley/persistence';
import type { BulkOperationRepository, BulkProgress } from '../ports/bulk-operation.repository';

/** Bulk operations in memory, for unit specs; `updates` records every progress write. */
export class InMemoryBulkOperationRepository implements BulkOperationRepository {
  rows = new Map<string, BulkOperationEntity>();
  updates: BulkProgress[] = [];

  async insert(row: BulkOperationEntity) { this.rows.set(row.id, structuredClone(row)); }

  async operation(id: string) { const row = this.rows.get(id); return row ? structuredClone(row) : null; }

  async update(id: string, changes: BulkProgress) {
    this.updates.push(structuredClone(changes));
    const row = this.rows.get(id);
    if (row) Object.assign(row, structuredClone(changes));
  }
}
