import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { secretCipher, SettingEntity, storedSecrets } from '@parley/persistence';
import type { TokenKeyRing } from '@parley/domain';
import { CONFIG, generateSecret, type ParleyConfig } from './config';
import { tokenKeyRing } from './token-keys';

/**
 * Signing secrets every node must share. JWT_SECRET wins when set; otherwise one is generated at
 * first start and kept in the database, sealed with the encryption key (see `secret-envelope.ts`),
 * so a bare `npm start` needs no configuration and a copy of the database holds no usable key.
 */
@Injectable()
export class SecretsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('secrets');
  private readonly cache = new Map<string, string>();
  private ring?: TokenKeyRing;

  constructor(private readonly db: DataSource, @Inject(CONFIG) private readonly config: ParleyConfig) {}

  /**
   * A key missing from PARLEY_ENCRYPTION_KEYS (dropped before the rotation ran, or a node started
   * with another key) would fail every webhook and send of the inboxes it sealed: refuse to start
   * instead, naming the key. Values left in clear or under an older key only ask for a rotation.
   */
  async onApplicationBootstrap(): Promise<void> {
    const cipher = secretCipher();
    const unreadable = new Map<string, string[]>();
    let stale = 0;
    for (const { where, value } of await storedSecrets(this.db)) {
      try {
        cipher.open(value);
        if (cipher.isStale(value)) stale++;
      } catch (err) {
        unreadable.set(err.message, [...(unreadable.get(err.message) ?? []), where]);
      }
    }
    if (unreadable.size) {
      throw new Error(`Stored secrets cannot be read: ${[...unreadable].map(([why, where]) => `${why} (${where.join(', ')})`).join('; ')}`);
    }
    if (stale) this.logger.warn(`${stale} stored secret(s) are in clear or sealed with an older key: run \`npm run rotate-encryption-key\``);
  }

  async jwtSecret(): Promise<string> {
    return this.config.jwtSecret ?? this.instanceSecret('jwt_secret');
  }

  /** The keys that sign visitor tokens and links (see `token-keys.ts`); the first signs, all verify. */
  async tokenKeys(): Promise<TokenKeyRing> {
    this.ring ??= tokenKeyRing(this.config.tokenKeys, await this.visitorSecret());
    return this.ring;
  }

  /** What verifies a visitor token: the ring, and the secret of tokens issued before it (`<id>.<hmac>`). */
  async visitorTokenKeys(): Promise<{ ring: TokenKeyRing; legacySecret: string }> {
    return { ring: await this.tokenKeys(), legacySecret: await this.visitorSecret() };
  }

  /** What verifies a survey link: the ring, and the secret of links sent before it. */
  async surveyLinkKeys(): Promise<{ ring: TokenKeyRing; legacySecret: string }> {
    return { ring: await this.tokenKeys(), legacySecret: await this.surveyLinkSecret() };
  }

  /** The root of the instance token key and the key of visitor tokens issued before the ring. */
  async visitorSecret(): Promise<string> {
    return this.instanceSecret('visitor_secret');
  }

  /** The key of survey links sent before the ring; they carry no key id. */
  async surveyLinkSecret(): Promise<string> {
    return this.instanceSecret('survey_link_secret');
  }

  /** Keys listed in SECRET_SETTING_KEYS, so that the encryption migration and rotation reach them. */
  private async instanceSecret(key: 'jwt_secret' | 'visitor_secret' | 'survey_link_secret'): Promise<string> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // Nodes starting together may race: insert-or-ignore, then everyone reads the winner.
    const cipher = secretCipher();
    await this.db.createQueryBuilder().insert().into(SettingEntity).values({ key, value: cipher.seal(generateSecret()) }).orIgnore().execute();
    const row = await this.db.getRepository(SettingEntity).findOneByOrFail({ key });
    const value = cipher.open(row.value);
    this.cache.set(key, value);
    return value;
  }
}
