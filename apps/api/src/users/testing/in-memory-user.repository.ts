import { QueryFailedError } from 'typeorm';
import type { UserLocale } from '@parley/contracts';
import type { UserEntity } from '@parley/persistence';
import type { UserRepository } from '../ports/user.repository';

const copy = <T>(row: T): T => ({ ...row });

/** `users` in memory, for unit specs: the unique email fails an insert as the database's index does. */
export class InMemoryUserRepository implements UserRepository {
  constructor(readonly users = new Map<string, UserEntity>()) {}

  async list() { return [...this.users.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(copy); }
  async byId(id: string) { const u = this.users.get(id); return u ? copy(u) : null; }
  async emailTaken(email: string) { return [...this.users.values()].some((u) => u.email === email); }
  async count() { return this.users.size; }

  async insert(user: UserEntity) {
    if (this.users.has(user.id) || (await this.emailTaken(user.email))) throw new QueryFailedError('INSERT INTO users', [], new Error('uq_users_email'));
    this.users.set(user.id, copy(user));
  }

  async save(user: UserEntity) {
    this.users.set(user.id, copy(user));
  }

  async setLocale(id: string, locale: UserLocale | null) {
    const u = this.users.get(id);
    if (u) u.locale = locale;
  }
}
