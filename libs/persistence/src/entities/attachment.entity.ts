import { Column, Entity, PrimaryColumn } from 'typeorm';
import { binaryType, idColumn, timestampType } from '../column-types';

/**
 * Files customers and agents exchange. Kept in the database so every api node serves them
 * without a shared disk; the size limit keeps rows reasonable.
 */
@Entity('attachments')
export class AttachmentEntity {
  /** Random (not time-ordered): the id is the capability in the download URL. */
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { name: 'content_type', length: 200 })
  contentType: string;

  @Column('varchar', { name: 'file_name', length: 300, nullable: true })
  fileName: string | null;

  @Column('integer')
  size: number;

  @Column({ type: binaryType() })
  data: Buffer;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
