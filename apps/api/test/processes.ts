import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as net from 'node:net';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { ADMIN } from './harness';

export const REPO = path.resolve(__dirname, '../../..');

/** Builds the server into dist once (incremental tsc), as `npm start` would; the suite's global set-up already has. */
export function buildServer(): void {
  if (process.env.PARLEY_TEST_SERVER_BUILT) return;
  execFileSync(process.execPath, [path.join(REPO, 'tools/scripts/build.mjs'), 'server'], { cwd: REPO, stdio: 'pipe' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * What every process of one test topology shares: its database and queue (under a queue prefix of
 * its own), the first admin, and the secrets production mode requires, the same on every node.
 */
export function topologyEnv(name: string, databaseUrl: string, redisUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PARLEY_QUEUE_PREFIX: `parley-${name}-${randomBytes(4).toString('hex')}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: randomBytes(24).toString('hex'),
    PARLEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SMTP_INBOUND_PORT: '0',
  };
}

export interface Proc {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs a built Parley process (api or worker) the way docker-compose would. */
export function startProcess(script: string, env: Record<string, string>): Proc {
  let out = '';
  const child = spawn(process.execPath, [path.join(REPO, script)], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function waitForHealth(base: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`process exited: ${proc.output()}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /health at ${base}: ${proc.output()}`);
}
