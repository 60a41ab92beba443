import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, timestampType } from '../column-types';

/** One sign-in of a user: the refresh token's family. Only hashes of refresh tokens are stored. */
@Entity('auth_sessions')
export class AuthSessionEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Index('ix_auth_sessions_user')
  @Column(idColumn({ name: 'user_id' }))
  userId: string;

  /** SHA-256 (hex) of the refresh token currently valid for this session. */
  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash: string;

  /** The token just replaced: two tabs refreshing at once both present it, and that is not theft. */
  @Column('varchar', { name: 'previous_token_hash', length: 64, nullable: true })
  previousTokenHash: string | null;

  @Column({ type: timestampType(), name: 'rotated_at', nullable: true })
  rotatedAt: Date | null;

  @Column('varchar', { name: 'user_agent', length: 200, nullable: true })
  userAgent: string | null;

  @Column('varchar', { length: 64, nullable: true })
  ip: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'last_used_at' })
  lastUsedAt: Date;

  @Column({ type: timestampType(), name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: timestampType(), name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
