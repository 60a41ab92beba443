import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

/** Two live customers that look like one person, kept until an agent merges or dismisses them. */
@Entity('merge_suggestions')
@Index('ux_merge_suggestions_pair', ['customerAId', 'customerBId'], { unique: true })
@Index('ix_merge_suggestions_status', ['status', 'createdAt'])
export class MergeSuggestionEntity {
  @PrimaryColumn(idColumn())
  id: string;

  /** The pair stored one way round (the smaller id first), so a pair is suggested once. */
  @Column(idColumn({ name: 'customer_a_id' }))
  customerAId: string;

  @Column(idColumn({ name: 'customer_b_id' }))
  customerBId: string;

  /** MergeEvidence[]: why the pair was suggested. */
  @Column({ type: jsonType() })
  evidence: { kind: string; values: string[] }[];

  /** open | dismissed | merged: a dismissed pair is never suggested again. */
  @Column('varchar', { length: 16 })
  status: 'open' | 'dismissed' | 'merged';

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}

/** What one merge moved, so that undo moves exactly those rows back. */
export interface MergeMoved {
  identityIds: string[];
  conversationIds: string[];
  /** Timeline events outside the moved conversations (CRM events, earlier merges). */
  timelineEventIds: string[];
}

export interface MergeTargetBefore {
  name: string | null;
  email: string | null;
  phone: string | null;
  emailSource: string | null;
  phoneSource: string | null;
  tags: string[];
  attributes: Record<string, any>;
}

@Entity('customer_merges')
@Index('ix_customer_merges_target', ['targetCustomerId', 'mergedAt'])
@Index('ix_customer_merges_source', ['sourceCustomerId'])
export class CustomerMergeEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'target_customer_id' }))
  targetCustomerId: string;

  @Column(idColumn({ name: 'source_customer_id' }))
  sourceCustomerId: string;

  @Column('varchar', { name: 'actor_name', length: 200 })
  actorName: string;

  @Column({ type: jsonType() })
  moved: MergeMoved;

  @Column({ type: jsonType(), name: 'target_before' })
  targetBefore: MergeTargetBefore;

  @Column({ type: timestampType(), name: 'merged_at' })
  mergedAt: Date;

  @Column({ type: timestampType(), name: 'undone_at', nullable: true })
  undoneAt: Date | null;
}

export const CUSTOMER_MERGE_ENTITIES = [MergeSuggestionEntity, CustomerMergeEntity];
