import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserLocale } from '@parley/contracts';
import { UserEntity } from '@parley/persistence';
import type { UserRepository } from './ports/user.repository';

/** `users` on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmUserRepository implements UserRepository {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  list() { return this.repo.find({ order: { name: 'ASC' } }); }
  byId(id: string) { return this.repo.findOneBy({ id }); }
  emailTaken(email: string) { return this.repo.existsBy({ email }); }
  count() { return this.repo.count(); }

  async insert(user: UserEntity) {
    await this.repo.insert(this.repo.create(user));
  }

  async save(user: UserEntity) {
    await this.repo.save(user);
  }

  async setLocale(id: string, locale: UserLocale | null) {
    await this.repo.update({ id }, { locale });
  }
}
