import { randomBytes } from 'node:crypto';
import type { EncryptionSettings } from './encryption-key';
import { parseTokenKeys, type TokenKeySetting } from './token-keys';

export type ProcessRole = 'api' | 'worker' | 'all';

/** Every setting Parley reads from the environment, in one place (see CONTRACT.md). */
export interface ParleyConfig {
  port: number;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string;
  smtpInboundPort: number;
  adminEmail: string;
  adminPassword: string | undefined;
  role: ProcessRole;
  logLevel: string;
  bodyLimit: string;
  /** Where the built console and widget live (dist/apps/…). */
  distDir: string;
  jwtSecret: string | undefined;
  /** Lifetime of a console access token (JWT_TTL_SECONDS, default 15 min); the refresh cookie renews it. */
  jwtTtlSeconds: number;
  /** A sign-in lasts this long without use (SESSION_TTL_SECONDS, default 14 days); each refresh extends it. */
  sessionTtlSeconds: number;
  /**
   * Proxies whose X-Forwarded-For/-Proto are believed (TRUSTED_PROXIES: addresses, CIDRs or Express's
   * `loopback`/`linklocal`/`uniquelocal`). Empty: the socket's address is the client's.
   */
  trustedProxies: string[];
  /** Create the demo web chat inbox served at /demo on first start. */
  demo: boolean;
  /** ISO country for phone numbers written without a country code (`8 916…` in RU): DEFAULT_PHONE_REGION. */
  defaultPhoneRegion: string;
  /** Keys that seal secrets at rest: PARLEY_ENCRYPTION_KEYS / PARLEY_ENCRYPTION_KEY, required in production. */
  encryption: EncryptionSettings;
  /** Keys that sign visitor tokens and links, newest first (PARLEY_TOKEN_KEYS); unset: the instance key. */
  tokenKeys: TokenKeySetting[] | undefined;
}

export const CONFIG = Symbol('PARLEY_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ParleyConfig {
  const port = Number(env.PORT ?? 3000);
  const role = (env.PARLEY_ROLE ?? 'all') as ProcessRole;
  if (!['api', 'worker', 'all'].includes(role)) throw new Error(`PARLEY_ROLE must be api, worker or all (got ${role})`);
  // A generated secret kept in the database is the embedded default's convenience; in production it
  // would make read access to the database enough to sign in as anyone.
  if (env.NODE_ENV === 'production' && role !== 'worker' && (env.JWT_SECRET ?? '').length < 32) {
    throw new Error(`JWT_SECRET must be set when NODE_ENV=production: at least 32 random characters, the same on every api node (${env.JWT_SECRET ? 'it is too short' : 'it is unset'})`);
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    smtpInboundPort: Number(env.SMTP_INBOUND_PORT ?? 2525),
    adminEmail: env.ADMIN_EMAIL ?? 'admin@parley.local',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    role,
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    distDir: env.PARLEY_DIST_DIR ?? 'dist/apps',
    jwtSecret: env.JWT_SECRET || undefined,
    jwtTtlSeconds: Number(env.JWT_TTL_SECONDS ?? 15 * 60),
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS ?? 14 * 24 * 3600),
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    demo: env.PARLEY_DEMO !== 'false',
    defaultPhoneRegion: (env.DEFAULT_PHONE_REGION || 'RU').toUpperCase(),
    encryption: { keys: env.PARLEY_ENCRYPTION_KEYS || env.PARLEY_ENCRYPTION_KEY || undefined, required: env.NODE_ENV === 'production' },
    tokenKeys: parseTokenKeys(env.PARLEY_TOKEN_KEYS),
  };
}

export const generateSecret = (): string => randomBytes(32).toString('base64url');
