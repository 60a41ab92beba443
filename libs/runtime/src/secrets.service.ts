import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SettingEntity } from '@parley/persistence';
import { CONFIG, generateSecret, type ParleyConfig } from './config';

/**
 * Signing secrets every node must share. JWT_SECRET wins when set; otherwise one is generated at
 * first start and kept in the database, so a bare `npm start` needs no configuration.
 */
@Injectable()
export class SecretsService {
  private readonly cache = new Map<string, string>();

  constructor(private readonly db: DataSource, @Inject(CONFIG) private readonly config: ParleyConfig) {}

  async jwtSecret(): Promise<string> {
    return this.config.jwtSecret ?? this.instanceSecret('jwt_secret');
  }

  async visitorSecret(): Promise<string> {
    return this.instanceSecret('visitor_secret');
  }

  private async instanceSecret(key: string): Promise<string> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Nodes starting together may race: insert-or-ignore, then everyone reads the winner.
    await this.db.createQueryBuilder().insert().into(SettingEntity).values({ key, value: generateSecret() }).orIgnore().execute();
    const row = await this.db.getRepository(SettingEntity).findOneByOrFail({ key });
    this.cache.set(key, row.value);
    return row.value;
  }
}
