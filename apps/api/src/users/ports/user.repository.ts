import type { UserLocale } from '@parley/contracts';
import type { UserEntity } from '@parley/persistence';

/** What the user administration and sign-in read and write of `users`. */
export interface UserRepository {
  /** Every user, by name. */
  list(): Promise<UserEntity[]>;
  byId(id: string): Promise<UserEntity | null>;
  emailTaken(email: string): Promise<boolean>;
  count(): Promise<number>;
  /** Fails (unique email) when another user took the email meanwhile. */
  insert(user: UserEntity): Promise<void>;
  /** Writes the user's editable columns as they are on `user`. */
  save(user: UserEntity): Promise<void>;
  setLocale(id: string, locale: UserLocale | null): Promise<void>;
}

export const USER_REPOSITORY = Symbol('USER_REPOSITORY');
