import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Instance-wide values every node must agree on (generated signing secrets). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('varchar', { length: 100 })
  key: string;

  @Column('text')
  value: string;
}
