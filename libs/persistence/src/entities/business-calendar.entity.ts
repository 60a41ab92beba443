import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WeeklyInterval } from '@parley/contracts';
import { timestampType } from '../column-types';

@Entity('business_calendars')
export class BusinessCalendarEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { name: 'time_zone', length: 64 })
  timeZone: string;

  @Column('simple-json')
  hours: WeeklyInterval[];

  @Column('simple-json')
  holidays: string[];

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
