import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampType } from '../column-types';

@Entity('teams')
export class TeamEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
