import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WeeklyInterval } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

@Entity('business_calendars')
export class BusinessCalendarEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { name: 'time_zone', length: 64 })
  timeZone: string;

  @Column({ type: jsonType() })
  hours: WeeklyInterval[];

  @Column({ type: jsonType() })
  holidays: string[];

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
