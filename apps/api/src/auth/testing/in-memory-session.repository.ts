import type { AuthSessionEntity, UserEntity } from '@parley/persistence';
import type { SessionRepository, SessionRotation } from '../ports/session.repository';

const copy = <T>(row: T): T => ({ ...row });

/** Sessions in memory, for unit specs: rotation and revocation are conditional like the database's UPDATE … WHERE. */
export class InMemorySessionRepository implements SessionRepository {
  sessions = new Map<string, AuthSessionEntity>();

  /** `users` may be the user fake's own map, so an admin's edit there is what sign-in sees. */
  constructor(readonly users = new Map<string, UserEntity>()) {}

  async session(id: string) { const s = this.sessions.get(id); return s ? copy(s) : null; }

  async deleteEnded(userId: string, now: Date) {
    for (const [id, s] of this.sessions) if (s.userId === userId && (s.revokedAt || s.expiresAt < now)) this.sessions.delete(id);
  }

  async insert(session: AuthSessionEntity) {
    this.sessions.set(session.id, copy(session));
  }

  async rotate(id: string, presentedHash: string, rotation: SessionRotation) {
    const s = this.sessions.get(id);
    if (!s || s.tokenHash !== presentedHash || s.revokedAt) return false;
    Object.assign(s, rotation);
    return true;
  }

  async revoke(id: string, at: Date) {
    const s = this.sessions.get(id);
    if (s && !s.revokedAt) s.revokedAt = at;
  }

  async revokeAllOf(userId: string, at: Date) {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.userId !== userId || s.revokedAt) continue;
      s.revokedAt = at;
      n++;
    }
    return n;
  }

  async user(id: string) { const u = this.users.get(id); return u ? copy(u) : null; }
  async userByEmail(email: string) { const u = [...this.users.values()].find((x) => x.email === email); return u ? copy(u) : null; }
}
