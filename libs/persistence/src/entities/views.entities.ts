// Saved views and bulk operations on conversations (issue 16), registered together in data-source.ts.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

/** A named filter over conversations or customers: personal (team_id null) or shared with one team. */
@Entity('saved_views')
@Index('ix_saved_views_owner', ['ownerId', 'position'])
@Index('ix_saved_views_team', ['teamId', 'position'])
export class SavedViewEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 20 })
  kind: 'conversations' | 'customers';

  @Column('varchar', { length: 100 })
  name: string;

  /** The validated ConversationFilter or CustomerFilter (libs/domain/src/views). */
  @Column({ type: jsonType() })
  filters: Record<string, any>;

  @Column(idColumn({ name: 'owner_id' }))
  ownerId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column('integer', { default: 0 })
  position: number;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

/** One bulk change over many conversations, done in the background; its row is the progress the agent sees. */
@Entity('bulk_operations')
@Index('ix_bulk_operations_requested_by', ['requestedBy', 'createdAt'])
export class BulkOperationEntity {
  @PrimaryColumn(idColumn())
  id: string;

  /** queued → running → done (failed > 0 when some conversations could not be changed) | failed. */
  @Column('varchar', { length: 10 })
  state: 'queued' | 'running' | 'done' | 'failed';

  /** The BulkAction (libs/domain/src/views/bulk-action.ts). */
  @Column({ type: jsonType() })
  action: Record<string, any>;

  /** What to change: `{conversationIds}` or `{filter}` (a view's filter, `me` already resolved). */
  @Column({ type: jsonType() })
  selection: Record<string, any>;

  @Column('integer')
  total: number;

  @Column('integer', { default: 0 })
  done: number;

  @Column('integer', { default: 0 })
  failed: number;

  /** The first errors, `<conversation id>: <message>`. */
  @Column({ type: jsonType() })
  errors: string[];

  /** Where the job got to (the last conversation handled): a retried job resumes after it. */
  @Column('varchar', { length: 200, nullable: true })
  cursor: string | null;

  @Column(idColumn({ name: 'requested_by' }))
  requestedBy: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

export const VIEW_ENTITIES = [SavedViewEntity, BulkOperationEntity];
