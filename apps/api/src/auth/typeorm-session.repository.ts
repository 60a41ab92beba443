import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuthSessionEntity, UserEntity } from '@parley/persistence';
import type { SessionRepository, SessionRotation } from './ports/session.repository';

/** Sessions on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSessionRepository implements SessionRepository {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(AuthSessionEntity);
  }

  session(id: string) { return this.repo.findOneBy({ id }); }

  async deleteEnded(userId: string, now: Date) {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId AND (revoked_at IS NOT NULL OR expires_at < :now)', { userId, now })
      .execute();
  }

  async insert(session: AuthSessionEntity) {
    await this.repo.insert(session);
  }

  async rotate(id: string, presentedHash: string, rotation: SessionRotation) {
    return !!(await this.repo.update({ id, tokenHash: presentedHash, revokedAt: IsNull() }, rotation)).affected;
  }

  async revoke(id: string, at: Date) {
    await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  async revokeAllOf(userId: string, at: Date) {
    return (await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: at })).affected ?? 0;
  }

  user(id: string) { return this.db.getRepository(UserEntity).findOneBy({ id }); }
  userByEmail(email: string) { return this.db.getRepository(UserEntity).findOneBy({ email }); }
}
