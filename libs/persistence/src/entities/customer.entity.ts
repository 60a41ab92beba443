import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampType } from '../column-types';

@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 200, nullable: true })
  name: string | null;

  @Column('varchar', { length: 320, nullable: true })
  email: string | null;

  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @Column('simple-json')
  attributes: Record<string, any>;

  @Column('simple-json')
  tags: string[];

  /** After a merge the source row stays as a pointer so old links and ids keep resolving. */
  @Column('varchar', { name: 'merged_into_id', length: 36, nullable: true })
  mergedIntoId: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
