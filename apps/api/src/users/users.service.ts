import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import type { Role, UserDto } from '@parley/contracts';
import { newId } from '@parley/domain';
import { UserEntity } from '@parley/persistence';
import { CONFIG, type ParleyConfig } from '@parley/runtime';

const toDto = (u: UserEntity): UserDto => ({ id: u.id, name: u.name, email: u.email, role: u.role });

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly db: DataSource, @Inject(CONFIG) private readonly config: ParleyConfig) {}

  async list(): Promise<UserDto[]> {
    return (await this.db.getRepository(UserEntity).find({ order: { name: 'ASC' } })).map(toDto);
  }

  async create(input: { name: string; email: string; password: string; role: Role }): Promise<UserDto> {
    const email = input.email.trim().toLowerCase();
    const repo = this.db.getRepository(UserEntity);
    if (await repo.existsBy({ email })) throw new ConflictException(`A user with email ${email} already exists`);
    const user = repo.create({
      id: newId(),
      name: input.name.trim(),
      email,
      passwordHash: await bcrypt.hash(input.password, 10),
      role: input.role,
      createdAt: new Date(),
    });
    await repo.insert(user);
    return toDto(user);
  }

  /** The first admin, on first start: ADMIN_EMAIL/ADMIN_PASSWORD, or a generated password shown once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.db.getRepository(UserEntity).count()) > 0) return;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(9).toString('base64url');
    try {
      await this.create({ name: 'Admin', email: this.config.adminEmail, password, role: 'admin' });
    } catch (err) {
      // Another node starting at the same moment created it first.
      if (err instanceof ConflictException || err instanceof QueryFailedError) return;
      throw err;
    }
    if (generated) {
      // Deliberately printed once, to the console only, never to the structured log.
      process.stdout.write(`\n  Parley admin created: ${this.config.adminEmail} / ${password}\n  (shown once; set ADMIN_PASSWORD to choose it)\n\n`);
    } else {
      this.logger.log(`admin ${this.config.adminEmail} created`);
    }
  }
}
