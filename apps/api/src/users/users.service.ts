import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import type { Role, UserDto, UserLocale } from '@parley/contracts';
import { newId, passwordProblem } from '@parley/domain';
import type { UserEntity } from '@parley/persistence';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { SessionsService } from '../auth/sessions.service';
import type { AdminPasswordAtStart } from '../startup-banner';
import { USER_REPOSITORY, type UserRepository } from './ports/user.repository';

const toDto = (u: UserEntity): UserDto => ({ id: u.id, name: u.name, email: u.email, role: u.role, ...(u.locale ? { locale: u.locale } : {}), ...(u.disabledAt ? { disabled: true } : {}) });

export interface UserPatch {
  name?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new BadRequestException(problem);
  return bcrypt.hash(password, 10);
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** For the start-up banner (main.ts), the one place a generated password is shown. */
  adminPasswordAtStart: AdminPasswordAtStart = { kind: 'unchanged' };

  constructor(
    @Inject(USER_REPOSITORY) private readonly repo: UserRepository,
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly sessions: SessionsService,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.repo.list()).map(toDto);
  }

  async create(input: { name: string; email: string; password: string; role: Role }): Promise<UserDto> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    if (await this.repo.emailTaken(email)) throw new ConflictException(`A user with email ${email} already exists`);
    const user: UserEntity = { id: newId(), name: input.name.trim(), email, passwordHash, role: input.role, createdAt: new Date(), disabledAt: null, locale: null };
    await this.repo.insert(user);
    return toDto(user);
  }

  /**
   * An admin's edit of a user. Disabling (or a new password) ends every session of theirs at once,
   * open sockets included; a role change applies to their next request, as tokens carry no role.
   */
  async update(id: string, patch: UserPatch, actorId: string): Promise<UserDto> {
    const user = await this.repo.byId(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    if (id === actorId && (patch.disabled || (patch.role && patch.role !== user.role))) {
      throw new ConflictException('You cannot disable yourself or change your own role');
    }
    if (patch.name !== undefined) user.name = patch.name.trim();
    if (patch.role !== undefined) user.role = patch.role;
    if (patch.password !== undefined) user.passwordHash = await hashPassword(patch.password);
    if (patch.disabled !== undefined) user.disabledAt = patch.disabled ? (user.disabledAt ?? new Date()) : null;
    await this.repo.save(user);
    if (patch.disabled || (patch.password !== undefined && id !== actorId)) await this.sessions.revokeAll(id);
    else this.sessions.forgetUser(id);
    return toDto(user);
  }

  /** A user's own console language; the cached principal is dropped so `me` answers with it at once. */
  async setLocale(id: string, locale: UserLocale | null): Promise<UserDto> {
    const user = await this.repo.byId(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    user.locale = locale;
    await this.repo.setLocale(id, locale);
    this.sessions.forgetUser(id);
    return toDto(user);
  }

  /** The first admin, on first start: ADMIN_EMAIL/ADMIN_PASSWORD, or a generated password shown once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repo.count()) > 0) return;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const problem = passwordProblem(password);
    // Refusing to start beats creating an admin anyone could guess.
    if (problem) throw new Error(`ADMIN_PASSWORD is not acceptable: ${problem}`);
    try {
      await this.create({ name: 'Admin', email: this.config.adminEmail, password, role: 'admin' });
    } catch (err) {
      // Another node starting at the same moment created it first.
      if (err instanceof ConflictException || err instanceof QueryFailedError) return;
      throw err;
    }
    this.adminPasswordAtStart = generated ? { kind: 'generated', password } : { kind: 'from-env' };
    this.logger.log(`admin ${this.config.adminEmail} created`);
  }
}
