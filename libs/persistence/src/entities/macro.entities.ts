// Macros and their runs (issue 17, item 2), registered together in data-source.ts.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CannedScope, MacroAction, MacroRunState } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/**
 * A named list of actions. Scopes as canned responses': `scope_key` is `shared`, `personal:<owner>`
 * or `team:<team>`, so "what may I run" is one `IN` over it.
 */
@Entity('macros')
@Index('ix_macros_scope_key', ['scopeKey', 'name'])
export class MacroEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 16 })
  scope: CannedScope;

  @Column('varchar', { name: 'scope_key', length: 48 })
  scopeKey: string;

  @Column(idColumn({ name: 'owner_id' }))
  ownerId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  /** The validated actions, in order (libs/domain/src/macros). */
  @Column({ type: jsonType() })
  actions: MacroAction[];

  /** Action index → the name of what it points at when saved: a deleted label is still named. */
  @Column({ type: jsonType() })
  refs: Record<number, string>;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

/** One run of a macro by one user: on one conversation, or a selection through a bulk operation. */
@Entity('macro_runs')
@Index('ix_macro_runs_user', ['userId', 'createdAt'])
export class MacroRunEntity {
  @PrimaryColumn(idColumn())
  id: string;

  /** No key: a run outlives its macro (its name and actions are copied here). */
  @Column(idColumn({ name: 'macro_id' }))
  macroId: string;

  @Column('varchar', { name: 'macro_name', length: 100 })
  macroName: string;

  @Column({ type: jsonType() })
  actions: MacroAction[];

  @Column(idColumn({ name: 'user_id' }))
  userId: string;

  /** running (a bulk run under way) → applied | failed (nothing applied anywhere) → undone. */
  @Column('varchar', { length: 10 })
  state: MacroRunState;

  @Column('integer')
  total: number;

  @Column(idColumn({ name: 'bulk_operation_id', nullable: true }))
  bulkOperationId: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'undone_at', nullable: true })
  undoneAt: Date | null;
}

/**
 * What one run did to one conversation. Written as `applying` before the first change, so a retried
 * bulk job never applies (or sends) twice; `undo` is what to put back.
 */
@Entity('macro_run_items')
export class MacroRunItemEntity {
  @PrimaryColumn(idColumn({ name: 'run_id' }))
  runId: string;

  @PrimaryColumn(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  /** applying → applied | failed; undone after its undo. */
  @Column('varchar', { length: 10 })
  outcome: 'applying' | 'applied' | 'failed' | 'undone';

  /** The MacroUndoRecord (libs/domain/src/macros). */
  @Column({ type: jsonType() })
  undo: Record<string, any>;

  @Column('varchar', { length: 1000, nullable: true })
  error: string | null;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

export const MACRO_ENTITIES = [MacroEntity, MacroRunEntity, MacroRunItemEntity];
