import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { foldForSearch, SQLITE_SEARCH_FUNCTIONS } from '@parley/domain';
import { isPostgresUrl } from './column-types';
import { ChannelIdentityEntity } from './entities/channel-identity.entity';
import { ConversationEntity } from './entities/conversation.entity';
import { CustomerEntity } from './entities/customer.entity';
import { InboxEntity } from './entities/inbox.entity';
import { JobEntity } from './entities/job.entity';
import { MessageEntity } from './entities/message.entity';
import { SettingEntity } from './entities/setting.entity';
import { TeamEntity } from './entities/team.entity';
import { TimelineEventEntity } from './entities/timeline-event.entity';
import { UserEntity } from './entities/user.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { ChannelMetadata1764100000000 } from './migrations/1764100000000-channel-metadata';
import { Attachments1764200000000 } from './migrations/1764200000000-attachments';
import { AttachmentEntity } from './entities/attachment.entity';
import { ROUTING_SLA_ENTITIES } from './entities/routing-sla.entities';
import { RoutingSla1764600000000 } from './migrations/1764600000000-routing-sla';
import { SURVEY_ENTITIES } from './entities/survey.entities';
import { Surveys1764700000000 } from './migrations/1764700000000-surveys';
import { SurveySettingsExtras1764800000000 } from './migrations/1764800000000-survey-settings-extras';
import { TeamLead1764900000000 } from './migrations/1764900000000-team-lead';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { AuthSessions1765200000000 } from './migrations/1765200000000-auth-sessions';
import { EncryptSecrets1765400000000 } from './migrations/1765400000000-encrypt-secrets';
import { DeadLetterEntity } from './entities/dead-letter.entity';
import { DeadLetters1765300000000 } from './migrations/1765300000000-dead-letters';
import { UserLocale1765600000000 } from './migrations/1765600000000-user-locale';
import { CUSTOMER_MERGE_ENTITIES } from './entities/customer-merge.entities';
import { IdentityLinking1765500000000 } from './migrations/1765500000000-identity-linking';
import { PostgresNative1765700000000 } from './migrations/1765700000000-postgres-native';
import { LABEL_ENTITIES } from './entities/label.entities';
import { Labels1765850000000 } from './migrations/1765850000000-labels';
import { KeysetIndexes1765810000000 } from './migrations/1765810000000-keyset-indexes';
import { CannedResponseEntity } from './entities/canned-response.entity';
import { CannedResponses1765900000000 } from './migrations/1765900000000-canned-responses';
import { VIEW_ENTITIES } from './entities/views.entities';
import { ViewsBulk1765820000000 } from './migrations/1765820000000-views-bulk';
import { Search1765860000000 } from './migrations/1765860000000-search';
import { NOTIFICATION_ENTITIES } from './entities/notification.entities';
import { Notifications1765950000000 } from './migrations/1765950000000-notifications';
import { MessengerChannels1765960000000 } from './migrations/1765960000000-messenger-channels';
import { MACRO_ENTITIES } from './entities/macro.entities';
import { Macros1765970000000 } from './migrations/1765970000000-macros';
import { AgentSeen1765980000000 } from './migrations/1765980000000-agent-seen';
import { SqliteMessagesCreated1766020000000 } from './migrations/1766020000000-sqlite-messages-created';
import { PromiseViaCallbackClient } from './pg-client';

export const ENTITIES = [
  UserEntity, TeamEntity, InboxEntity, CustomerEntity, ChannelIdentityEntity,
  ConversationEntity, MessageEntity, TimelineEventEntity, JobEntity, SettingEntity, AttachmentEntity,
  ...ROUTING_SLA_ENTITIES, ...SURVEY_ENTITIES, AuthSessionEntity, DeadLetterEntity,
  ...CUSTOMER_MERGE_ENTITIES, ...LABEL_ENTITIES, CannedResponseEntity, ...VIEW_ENTITIES, ...NOTIFICATION_ENTITIES,
  ...MACRO_ENTITIES,
];

// In timestamp order, one a line.
export const MIGRATIONS = [
  InitialSchema1764000000000,
  ChannelMetadata1764100000000,
  Attachments1764200000000,
  RoutingSla1764600000000,
  Surveys1764700000000,
  SurveySettingsExtras1764800000000,
  TeamLead1764900000000,
  AuthSessions1765200000000,
  DeadLetters1765300000000,
  EncryptSecrets1765400000000,
  IdentityLinking1765500000000,
  UserLocale1765600000000,
  PostgresNative1765700000000,
  KeysetIndexes1765810000000,
  ViewsBulk1765820000000,
  Labels1765850000000,
  Search1765860000000,
  CannedResponses1765900000000,
  Notifications1765950000000,
  MessengerChannels1765960000000,
  Macros1765970000000,
  AgentSeen1765980000000,
  SqliteMessagesCreated1766020000000,
];

const SQLITE_FOLD = 'parley_fold';

/**
 * A SQL expression folding `column` as foldForSearch() folds a query (lower case in every script,
 * ё → е, NFKC), so `LIKE` on it finds "Пётр" from "петр" on either database.
 */
// ix_customers_name_fold (migration 1765500000000) indexes exactly this PostgreSQL expression.
export function searchFold(kind: DatabaseKind, column: string): string {
  return kind === 'postgres' ? `translate(lower(normalize(${column}, NFKC)), 'ё', 'е')` : `${SQLITE_FOLD}(${column})`;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(url: string | undefined): DatabaseKind {
  return isPostgresUrl(url) ? 'postgres' : 'sqlite';
}

/** `DATABASE_URL` → TypeORM options. Unset means the embedded SQLite file ./data/parley.sqlite. */
export function dataSourceOptions(url: string | undefined): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (isPostgresUrl(url)) {
    return { ...common, type: 'postgres', url, extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), Client: PromiseViaCallbackClient } };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join('data', 'parley.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    // WAL lets readers proceed while the single writer commits; NORMAL sync is durable in WAL mode
    // against process crashes, which is what an acknowledged webhook needs.
    prepareDatabase: (db: { pragma(s: string): unknown; open?: boolean; function(name: string, options: object, fn: (...v: unknown[]) => unknown): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      // SQLite's LOWER() folds ASCII only: customer search compares through the domain's rule
      // instead (PostgreSQL does the same with lower() and translate(), see searchFold()).
      db.function(SQLITE_FOLD, { deterministic: true }, (v) => (typeof v === 'string' ? foldForSearch(v) : v));
      // The full-text index's triggers stem in JS (Snowball): every connection that writes messages needs them.
      for (const [name, fn] of Object.entries(SQLITE_SEARCH_FUNCTIONS)) db.function(name, { deterministic: true, varargs: true }, fn);
      keepPlannerStatistics(db);
    },
  };
}

/** How often a SQLite connection refreshes the query planner's statistics (SQLite's advice: hourly or daily). */
export const SQLITE_OPTIMIZE_EVERY_MS = 60 * 60_000;

/**
 * SQLite has no autovacuum to keep the planner's statistics current, and a connection reads them
 * only when it opens: without this, a long-running Parley planned every query with the statistics
 * of its start (none, on a new database), and a search filtered by assignee took 90–180 ms where
 * fresh statistics gave 15. As SQLite advises for long-lived connections: `PRAGMA optimize=0x10002`
 * when the connection opens, then `PRAGMA optimize` every hour, each analysing only the tables whose
 * statistics are missing or stale, on a bounded sample. The timer never keeps the process alive and
 * stops with the connection.
 */
export function keepPlannerStatistics(db: { pragma(s: string): unknown; open?: boolean }, everyMs = SQLITE_OPTIMIZE_EVERY_MS): NodeJS.Timeout {
  db.pragma('optimize = 0x10002');
  const timer = setInterval(() => {
    if (db.open === false) {
      clearInterval(timer);
      return;
    }
    try {
      db.pragma('optimize');
    } catch {
      // Busy with a long write: the next hour will do.
    }
  }, everyMs);
  timer.unref();
  return timer;
}
