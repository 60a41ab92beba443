import { createSecretKey, type KeyObject } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import type { LoginResponse, UserDto } from '@parley/contracts';
import { CONFIG, SecretsService, type ParleyConfig } from '@parley/runtime';
import type { AuthUser } from './auth.decorators';
import { LoginAttempts } from './login-attempts';
import { SESSION_REPOSITORY, type SessionRepository } from './ports/session.repository';
import { SessionMeta, SessionsService } from './sessions.service';

// A hash to compare against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = bcrypt.hashSync('parley-timing-guard', 10);

export interface SignedIn extends LoginResponse {
  /** Goes to the HttpOnly cookie only; null when a concurrent refresh already set a newer one. */
  refreshToken: string | null;
}

export const userDto = (u: Pick<AuthUser, 'id' | 'name' | 'email' | 'role' | 'locale'>): UserDto => ({ id: u.id, name: u.name, email: u.email, role: u.role, ...(u.locale ? { locale: u.locale } : {}) });

@Injectable()
export class AuthService {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly repo: SessionRepository,
    private readonly jwt: JwtService,
    private readonly secrets: SecretsService,
    private readonly sessions: SessionsService,
    private readonly attempts: LoginAttempts,
    @Inject(CONFIG) private readonly config: ParleyConfig,
  ) {}

  async login(email: string, password: string, meta: SessionMeta): Promise<SignedIn> {
    const { ok, result: user } = await this.attempts.attempt(email, meta.ip, async () => {
      const found = await this.repo.userByEmail(email.trim().toLowerCase());
      return { ok: (await bcrypt.compare(password, found?.passwordHash ?? DUMMY_HASH)) && !!found, result: found };
    });
    if (!ok || !user) throw new UnauthorizedException('Wrong email or password');
    // Said only to whoever knows the password.
    if (user.disabledAt) throw new ForbiddenException('This account is disabled');
    const { sessionId, refreshToken } = await this.sessions.start(user.id, meta);
    return { accessToken: await this.accessToken(user.id, sessionId), user: userDto(user), refreshToken };
  }

  async refresh(refreshToken: string | undefined): Promise<SignedIn> {
    const { user, refreshToken: next } = await this.sessions.refresh(refreshToken);
    return { accessToken: await this.accessToken(user.id, user.sessionId!), user: userDto(user), refreshToken: next };
  }

  /** Token → the user as they are now; used by the HTTP guard and the /agents socket handshake. */
  async verify(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new UnauthorizedException('Missing bearer token');
    let claims: { sub?: unknown; sid?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { secret: await this.signingKey() });
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
    return this.sessions.principal(claims.sid, claims.sub);
  }

  private async accessToken(userId: string, sessionId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, sid: sessionId }, { secret: await this.signingKey(), expiresIn: this.config.jwtTtlSeconds });
  }

  /**
   * The HMAC key as a KeyObject, made once per secret: handed a string, jsonwebtoken first tries to
   * read it as a PEM public or private key, and that failed parse (an exception) on every request
   * cost more than the rest of the token check.
   */
  private async signingKey(): Promise<string> {
    const secret = await this.secrets.jwtSecret();
    if (this.key?.secret !== secret) this.key = { secret, object: createSecretKey(Buffer.from(secret, 'utf8')) };
    // @nestjs/jwt types the option as string | Buffer; it passes it to jsonwebtoken, which takes a KeyObject.
    return this.key.object as unknown as string;
  }

  private key: { secret: string; object: KeyObject } | null = null;
}
