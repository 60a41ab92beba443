import type { AuthSessionEntity, UserEntity } from '@parley/persistence';

/** What the rotation of a refresh token writes when it wins. */
export type SessionRotation = Pick<AuthSessionEntity, 'tokenHash' | 'previousTokenHash' | 'rotatedAt' | 'lastUsedAt' | 'expiresAt'>;

/** What sign-in and its sessions read and write: `auth_sessions`, and the user behind a session. */
export interface SessionRepository {
  session(id: string): Promise<AuthSessionEntity | null>;
  /** The user's revoked sessions and those expired before `now`. */
  deleteEnded(userId: string, now: Date): Promise<void>;
  insert(session: AuthSessionEntity): Promise<void>;
  /** Rotates only while the session still has `presentedHash` and is not revoked: of two racing refreshes one wins; whether this one did. */
  rotate(id: string, presentedHash: string, rotation: SessionRotation): Promise<boolean>;
  /** Revokes the session unless it already is. */
  revoke(id: string, at: Date): Promise<void>;
  /** Revokes each of the user's live sessions; how many there were. */
  revokeAllOf(userId: string, at: Date): Promise<number>;
  user(id: string): Promise<UserEntity | null>;
  /** `email` as stored: trimmed and in lower case. */
  userByEmail(email: string): Promise<UserEntity | null>;
}

export const SESSION_REPOSITORY = Symbol('SESSION_REPOSITORY');
