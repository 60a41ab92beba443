import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { LoginResponse } from '@parley/contracts';
import { loadConfig, type ParleyConfig } from '@parley/runtime';

export const ADMIN = { email: 'admin@parley.test', password: 'correct-horse-battery' };

/**
 * A database of its own for one test file: a temp SQLite file, or — when the suite runs with a
 * PostgreSQL DATABASE_URL — a fresh database on that server, so files can run in parallel.
 */
export async function freshDatabaseUrl(opts: { migrated?: boolean } = {}): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (base && /^postgres/.test(base)) {
    const name = `parley_t_${randomBytes(6).toString('hex')}`;
    const template = opts.migrated === false ? null : await migratedTemplate(base);
    const admin = new Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return databaseUrl(base, name);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-'));
  return `sqlite:${path.join(dir, 'parley.sqlite')}`;
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

let template: Promise<string> | null = null;

/**
 * A PostgreSQL database with every migration applied, named after the migrations' contents, that
 * fresh test databases are copied from (`CREATE DATABASE … TEMPLATE`): a copy takes a fraction of
 * running the migrations again in each of a hundred test files. The app still runs its migrations
 * on boot and finds nothing to do. Built once per server and migration set, under an advisory lock
 * so parallel Jest workers and runs build it once; a database is only a template once it is whole.
 */
function migratedTemplate(base: string): Promise<string> {
  template ??= (async () => {
    const hash = createHash('sha256');
    const dir = path.resolve(__dirname, '../../../libs/persistence/src/migrations');
    for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
    const name = `parley_tpl_${hash.digest('hex').slice(0, 16)}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(7264354)');
      const found = await admin.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
      if (found.rows[0]?.datistemplate) return name;
      if (found.rowCount) await admin.query(`DROP DATABASE ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      const { openDatabase, dataSourceOptions } = await import('@parley/persistence');
      // Migrations only: this test file may have loaded the entities already with the other
      // database's column types (they are read from DATABASE_URL when a module is first loaded).
      const db = await openDatabase({ ...dataSourceOptions(databaseUrl(base, name)), entities: [] });
      await db.destroy();
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7264354)').catch(() => undefined);
      await admin.end();
    }
  })();
  template.catch(() => (template = null));
  return template;
}

export interface TestEnv {
  PORT: string;
  DATABASE_URL: string;
  REDIS_URL?: string;
  PARLEY_QUEUE_PREFIX: string;
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
  LOG_LEVEL: string;
  PARLEY_DIST_DIR: string;
  /** 0: no inbound SMTP listener unless a test asks for one on its own port (files run in parallel). */
  SMTP_INBOUND_PORT: string;
}

export async function testEnv(): Promise<TestEnv> {
  return {
    PORT: '0',
    DATABASE_URL: await freshDatabaseUrl(),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    PARLEY_QUEUE_PREFIX: `parley-test-${randomBytes(4).toString('hex')}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    PARLEY_DIST_DIR: path.resolve(__dirname, '../../../dist/apps'),
    SMTP_INBOUND_PORT: '0',
  };
}

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  config: ParleyConfig;
  close(): Promise<void>;
}

/** Boots the real Nest app in this process on a random port. */
export async function startApp(env?: TestEnv, overrides: Partial<ParleyConfig> = {}): Promise<RunningApp> {
  const e = env ?? (await testEnv());
  process.env.DATABASE_URL = e.DATABASE_URL;
  process.env.PARLEY_QUEUE_PREFIX = e.PARLEY_QUEUE_PREFIX;
  const config = { ...loadConfig(e as unknown as NodeJS.ProcessEnv), ...overrides };
  const { createApp } = await import('../src/bootstrap');
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return { app, url: url.replace('[::1]', '127.0.0.1'), config, close: () => app.close() };
}

export async function api<T = any>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function login(base: string, creds = ADMIN): Promise<LoginResponse> {
  const res = await api<LoginResponse>(base, 'POST', '/api/auth/login', creds);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function connect(base: string, namespace: string, auth: Record<string, unknown>): Socket {
  return io(base + namespace, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves with the first `event` whose payload passes `match`. */
export function next<T = any>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

export const connected = (socket: Socket): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

export async function demoWebsiteToken(base: string, token: string): Promise<string> {
  const inboxes = await api(base, 'GET', '/api/inboxes', undefined, token);
  const webchat = inboxes.body.find((i: { channel: string; websiteToken?: string }) => i.channel === 'webchat');
  return webchat.websiteToken;
}

export interface SuiteContext {
  app: RunningApp;
  url: string;
  /** The admin's access token. */
  token: string;
  /** The demo web chat inbox's token. */
  websiteToken: string;
  /** Opens a socket that the suite disconnects at the end. */
  open(namespace: string, auth: Record<string, unknown>): Socket;
}

/** One app per test file, logged in as the admin: registers its own beforeAll/afterAll. */
export function useRunningApp(): SuiteContext {
  const sockets: Socket[] = [];
  const ctx = {
    open(namespace: string, auth: Record<string, unknown>) {
      const s = connect(ctx.url, namespace, auth);
      sockets.push(s);
      return s;
    },
  } as SuiteContext;
  beforeAll(async () => {
    ctx.app = await startApp();
    ctx.url = ctx.app.url;
    ctx.token = (await login(ctx.url)).accessToken;
    ctx.websiteToken = await demoWebsiteToken(ctx.url, ctx.token);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await ctx.app?.close();
  });
  return ctx;
}
