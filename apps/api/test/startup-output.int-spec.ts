import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { freshDatabaseUrl, login } from './harness';
import { buildServer, freePort, REPO } from './processes';

const EMAIL = 'dezhurny@parley.test';

interface Started {
  child: ChildProcess;
  lines: () => string[];
  stop: () => Promise<void>;
}

/** The built api as `npm start` runs it, its stdout kept line by line. */
function startApi(env: Record<string, string>): Started {
  let out = '';
  const child = spawn(process.execPath, [path.join(REPO, 'dist/apps/api/src/main.js')], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    child,
    lines: () => out.split('\n').filter((l) => l.trim() !== ''),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits (bounded) until start-up has printed `last`, the line that ends it. */
async function startedUp(p: Started, last: RegExp, timeoutMs = 60_000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  while (!p.lines().some((l) => last.test(l))) {
    if (p.child.exitCode !== null || Date.now() > until) throw new Error(`no start-up end:\n${p.lines().join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return p.lines();
}

const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('start-up output a person can read (issue #14, item 8)', () => {
  let env: Record<string, string>;
  let port: number;
  const running: Started[] = [];

  beforeAll(async () => {
    buildServer();
    port = await freePort();
    env = {
      PORT: String(port),
      DATABASE_URL: await freshDatabaseUrl(),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      PARLEY_QUEUE_PREFIX: `parley-startup-${randomBytes(4).toString('hex')}`,
      PARLEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: EMAIL,
      ADMIN_PASSWORD: '',
      SMTP_INBOUND_PORT: '0',
      WORKER_HEALTH_PORT: 'off',
    };
  });
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
  });

  const start = (extra: Record<string, string>): Started => {
    const p = startApi({ ...env, ...extra });
    running.push(p);
    return p;
  };

  it('ends the first start with a framed banner: address, admin login with the generated password, demo links', async () => {
    const api = start({ LOG_FORMAT: 'pretty' });
    const lines = await startedUp(api, /^└─+┘$/);
    const top = lines.findIndex((l) => /^┌─+┐$/.test(l));
    expect(top).toBeGreaterThan(0);
    const banner = lines.slice(top);
    expect(banner[banner.length - 1]).toMatch(/^└─+┘$/);
    const text = banner.join('\n');
    expect(text).toContain(`console        http://localhost:${port}/`);
    expect(text).toContain(`admin          ${EMAIL}`);
    expect(text).toContain(`web chat demo  http://localhost:${port}/demo`);
    expect(text).toContain(`API docs       http://localhost:${port}/api/docs`);
    // Nothing machine-shaped follows it, and the log above it is readable lines, not JSON.
    expect(banner.filter(isJson)).toEqual([]);
    expect(lines.filter(isJson)).toEqual([]);
    expect(lines.slice(0, top).every((l) => /^\[\d\d:\d\d:\d\d\] [A-Z]+/.test(l))).toBe(true);
    // Nest's route table is debug now: it used to be most of the start-up output.
    expect(lines.some((l) => /Mapped \{/.test(l))).toBe(false);
    // The password shown is the one that works.
    const password = /password\s+(\S+)\s+\(shown once/.exec(text)?.[1];
    expect(password).toBeDefined();
    const session = await login(`http://127.0.0.1:${port}`, { email: EMAIL, password: password! });
    expect(session.accessToken).toBeTruthy();
    await api.stop();
  });

  it('says the password is unchanged on a later start, and never shows it again', async () => {
    const api = start({ LOG_FORMAT: 'pretty' });
    const lines = await startedUp(api, /^└─+┘$/);
    expect(lines.join('\n')).toMatch(/│ password\s+unchanged since first start\s+│/);
    expect(lines.join('\n')).not.toMatch(/shown once/);
    await api.stop();
  });

  it('logs JSON when asked (as piped or in production), the banner as one structured entry', async () => {
    const api = start({ LOG_FORMAT: 'json' });
    const lines = await startedUp(api, /Parley is ready/);
    expect(lines.every(isJson)).toBe(true);
    const ready = JSON.parse(lines[lines.length - 1]);
    expect(ready).toMatchObject({ msg: 'Parley is ready', console: `http://localhost:${port}/`, admin: EMAIL, adminPassword: 'unchanged' });
    await api.stop();
  });
});
