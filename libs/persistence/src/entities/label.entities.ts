import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, timestampType } from '../column-types';

/**
 * A label an admin defined. Names are unique once folded (searchFold: any case, ё = е), in each
 * language: on PostgreSQL by unique expression indexes (migration 1765850000000), on SQLite, whose
 * fold is an application function, by the check LabelsService makes in its write transaction.
 */
@Entity('labels')
export class LabelEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { name: 'name_en', length: 100 })
  nameEn: string;

  @Column('varchar', { name: 'name_ru', length: 100 })
  nameRu: string;

  /** `#rrggbb`. */
  @Column('varchar', { length: 7 })
  colour: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

/** A label on a conversation. The list filter asks "which conversations carry label L": (label_id, conversation_id). */
@Entity('conversation_labels')
@Index('ix_conversation_labels_label', ['labelId', 'conversationId'])
export class ConversationLabelEntity {
  @PrimaryColumn(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @PrimaryColumn(idColumn({ name: 'label_id' }))
  labelId: string;

  /** The user who added it. */
  @Column(idColumn({ name: 'added_by', nullable: true }))
  addedBy: string | null;

  @Column({ type: timestampType(), name: 'added_at' })
  addedAt: Date;
}

export const LABEL_ENTITIES = [LabelEntity, ConversationLabelEntity];
