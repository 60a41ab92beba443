import type { BulkOperationEntity } from '@parley/persistence';

/** Progress of a bulk operation, written after every page. */
export type BulkProgress = Partial<Pick<BulkOperationEntity, 'state' | 'total' | 'done' | 'failed' | 'errors' | 'cursor' | 'finishedAt'>>;

export interface BulkOperationRepository {
  insert(row: BulkOperationEntity): Promise<void>;
  operation(id: string): Promise<BulkOperationEntity | null>;
  update(id: string, changes: BulkProgress): Promise<void>;
}

export const BULK_OPERATION_REPOSITORY = Symbol('BULK_OPERATION_REPOSITORY');
