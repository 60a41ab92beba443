import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '@parley/domain';
import type { AuthSessionEntity } from '@parley/persistence';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { AgentSockets } from './agent-sockets';
import type { AuthUser } from './auth.decorators';
import { SESSION_REPOSITORY, type SessionRepository } from './ports/session.repository';

/** Two tabs refreshing at once both present the same token; the loser's is not a stolen one. */
const ROTATION_GRACE_MS = 30_000;
/** How long a node trusts what it read about a session: a revocation elsewhere takes effect within it. */
const PRINCIPAL_CACHE_MS = 3_000;
const PRINCIPAL_CACHE_MAX = 10_000;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const sameHash = (a: string | null, b: string): boolean => !!a && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface SessionMeta {
  ip?: string;
  userAgent?: string;
}

export interface RefreshOutcome {
  user: AuthUser;
  /** The new refresh token, or null when a concurrent refresh already rotated it (keep the cookie). */
  refreshToken: string | null;
}

const SIGNED_OUT = 'Signed out: sign in again';

/**
 * Sign-in sessions: each one is a refresh-token family. The refresh token is `<sessionId>.<secret>`;
 * only its hash is stored, and it changes on every refresh. Presenting a replaced token (outside the
 * grace for concurrent tabs) means it was copied: the whole session is revoked.
 */
@Injectable()
export class SessionsService {
  private readonly cache = new Map<string, { user: AuthUser; until: number }>();

  constructor(
    @Inject(SESSION_REPOSITORY) private readonly repo: SessionRepository,
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly sockets: AgentSockets,
  ) {}

  async start(userId: string, meta: SessionMeta): Promise<{ sessionId: string; refreshToken: string }> {
    const id = newId();
    const refreshToken = `${id}.${randomBytes(32).toString('base64url')}`;
    const now = new Date();
    // Ended sessions serve no one (a token of a missing session is refused like a revoked one's):
    // each sign-in clears the user's old ones, so the table holds about one row per device.
    await this.repo.deleteEnded(userId, now);
    await this.repo.insert({
      id, userId, tokenHash: hashToken(refreshToken), previousTokenHash: null, rotatedAt: null,
      userAgent: meta.userAgent?.slice(0, 200) ?? null, ip: meta.ip?.slice(0, 64) ?? null,
      createdAt: now, lastUsedAt: now, expiresAt: this.expiry(now), revokedAt: null,
    });
    return { sessionId: id, refreshToken };
  }

  async refresh(refreshToken: string | undefined): Promise<RefreshOutcome> {
    const session = await this.find(refreshToken);
    if (!session) throw new UnauthorizedException(SIGNED_OUT);
    const presented = hashToken(refreshToken!);
    const now = new Date();
    if (sameHash(session.tokenHash, presented)) {
      const next = `${session.id}.${randomBytes(32).toString('base64url')}`;
      // Conditional on the hash still being the presented one: of two refreshes racing, one rotates.
      const rotated = await this.repo.rotate(session.id, presented, {
        tokenHash: hashToken(next), previousTokenHash: presented, rotatedAt: now, lastUsedAt: now, expiresAt: this.expiry(now),
      });
      const user = await this.liveUser(session);
      return { user, refreshToken: rotated ? next : null };
    }
    const graceful = sameHash(session.previousTokenHash, presented) && !!session.rotatedAt && now.getTime() - session.rotatedAt.getTime() < ROTATION_GRACE_MS;
    if (graceful) return { user: await this.liveUser(session), refreshToken: null };
    await this.revoke(session.id);
    throw new UnauthorizedException('This sign-in was used from elsewhere and has been ended: sign in again');
  }

  /** Ends the session a refresh token belongs to (current or just-replaced token); unknown tokens are ignored. */
  async endByToken(refreshToken: string | undefined): Promise<void> {
    const session = await this.find(refreshToken);
    if (!session) return;
    const presented = hashToken(refreshToken!);
    if (sameHash(session.tokenHash, presented) || sameHash(session.previousTokenHash, presented)) await this.revoke(session.id);
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repo.revoke(sessionId, new Date());
    this.cache.delete(sessionId);
    this.sockets.endSession(sessionId);
  }

  /** Every sign-in of the user ends, here and on their open sockets; returns how many were live. */
  async revokeAll(userId: string): Promise<number> {
    const revoked = await this.repo.revokeAllOf(userId, new Date());
    this.forgetUser(userId);
    this.sockets.endUser(userId);
    return revoked;
  }

  /** The user changed (role, name): this node reads them afresh on their next request. */
  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.cache) if (entry.user.id === userId) this.cache.delete(sessionId);
  }

  /**
   * The user behind an access token, as the database has them now: the session must be live and the
   * user exist and be enabled; the role is the current one, not the one signed into the token.
   */
  async principal(sessionId: unknown, userId: unknown): Promise<AuthUser> {
    if (typeof sessionId !== 'string' || typeof userId !== 'string') throw new UnauthorizedException('Invalid or expired token');
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > Date.now() && cached.user.id === userId) return cached.user;
    const session = await this.repo.session(sessionId);
    if (!session || session.userId !== userId || !this.isLive(session)) throw new UnauthorizedException(SIGNED_OUT);
    const user = await this.liveUser(session);
    if (this.cache.size >= PRINCIPAL_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(sessionId, { user, until: Date.now() + PRINCIPAL_CACHE_MS });
    return user;
  }

  private async find(refreshToken: string | undefined): Promise<AuthSessionEntity | null> {
    const id = typeof refreshToken === 'string' ? refreshToken.split('.')[0] : '';
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const session = await this.repo.session(id);
    return session && this.isLive(session) ? session : null;
  }

  private isLive(session: AuthSessionEntity): boolean {
    return !session.revokedAt && session.expiresAt.getTime() > Date.now();
  }

  private async liveUser(session: AuthSessionEntity): Promise<AuthUser> {
    const user = await this.repo.user(session.userId);
    if (!user || user.disabledAt) throw new UnauthorizedException(user ? 'This account is disabled' : SIGNED_OUT);
    return { id: user.id, name: user.name, email: user.email, role: user.role, locale: user.locale, sessionId: session.id };
  }

  private expiry(from: Date): Date {
    return new Date(from.getTime() + this.config.sessionTtlSeconds * 1000);
  }
}
