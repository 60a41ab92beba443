import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import type { LoginResponse } from '@parley/contracts';
import { UserEntity } from '@parley/persistence';
import { SecretsService } from '@parley/runtime';
import type { AuthUser } from './auth.decorators';

// A hash to compare against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = bcrypt.hashSync('parley-timing-guard', 10);

@Injectable()
export class AuthService {
  constructor(private readonly db: DataSource, private readonly jwt: JwtService, private readonly secrets: SecretsService) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthorizedException('Wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, name: user.name, email: user.email, role: user.role }, { secret: await this.secrets.jwtSecret() });
    return { accessToken, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
  }

  /** Token → user; used by the HTTP guard and the /agents socket handshake. */
  async verify(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new UnauthorizedException('Missing bearer token');
    try {
      const claims = await this.jwt.verifyAsync(token, { secret: await this.secrets.jwtSecret() });
      return { id: claims.sub, name: claims.name, email: claims.email, role: claims.role };
    } catch {
      throw new UnauthorizedException('Invalid or expired token');
    }
  }
}
