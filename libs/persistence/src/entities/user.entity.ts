import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role, UserLocale } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

@Entity('users')
export class UserEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Index('uq_users_email', { unique: true })
  @Column('varchar', { length: 320 })
  email: string;

  @Column('varchar', { name: 'password_hash', length: 200 })
  passwordHash: string;

  @Column('varchar', { length: 20 })
  role: Role;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  /** Set while an admin has disabled the account: no sign-in, no refresh, no live token. */
  @Column({ type: timestampType(), name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  /** The console language the user last chose ('en' | 'ru'); null: follow the browser. */
  @Column('varchar', { length: 5, nullable: true })
  locale: UserLocale | null;
}
