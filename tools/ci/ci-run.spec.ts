import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../.ci/run');

interface Call {
  args: string[];
  databaseUrl: string | null;
  redisUrl: string | null;
}

/**
 * Runs .ci/run in a scratch copy of the repository with every outside command replaced by a
 * recording fake: npm (per Jest project, the report `reports` gives, or none), psql, apt-get, the
 * service probes. What is checked is the script's own logic: which parts run where, the totals.
 */
function runCi(reports: Record<string, { passed: number; failed: number; runtimeErrors?: number } | null>, checks: Record<string, boolean> = {}, files: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-ci-spec-'));
  const bin = path.join(dir, 'bin');
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(repo, '.ci'), { recursive: true });
  fs.copyFileSync(SCRIPT, path.join(repo, '.ci/run'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  const log = path.join(dir, 'calls.jsonl');
  const fake = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env node\n${body}\n`, { mode: 0o755 });
  fake(
    'npm',
    `const fs = require('node:fs');
const args = process.argv.slice(2);
const env = (k) => (k in process.env ? process.env[k] : null);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, databaseUrl: env('DATABASE_URL'), redisUrl: env('REDIS_URL') }) + '\\n');
const checks = ${JSON.stringify(checks)};
if (args[0] === 'ci') process.exit(0);
if (args[0] === 'run') process.exit(checks[args[2]] === false ? 1 : 0);
const project = args[args.indexOf('--selectProjects') + 1];
const key = project === 'integration' ? (env('DATABASE_URL') ? 'integration-postgres' : 'integration-sqlite') : project;
const report = ${JSON.stringify(reports)}[key];
const out = args.find((a) => a.startsWith('--outputFile=')).slice('--outputFile='.length);
if (report) fs.writeFileSync(out, JSON.stringify({
  numPassedTests: report.passed, numFailedTests: report.failed, numRuntimeErrorTestSuites: report.runtimeErrors || 0,
  testResults: [{ assertionResults: [{ title: 'показывает ответ агента клиенту', status: 'passed' }] }],
}));
process.exit(report && report.failed === 0 && !report.runtimeErrors ? 0 : 1);`,
  );
  for (const name of ['psql', 'apt-get', 'pg_isready', 'pg_ctlcluster', 'redis-cli', 'redis-server', 'chromium']) fake(name, 'process.exit(0);');
  const result = spawnSync('bash', [path.join(repo, '.ci/run')], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DATABASE_URL: 'postgres://outside/must-not-leak' },
    encoding: 'utf8',
  });
  const calls: Call[] = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : [];
  fs.rmSync(dir, { recursive: true, force: true });
  const lines = result.stdout.trim().split('\n');
  return { status: result.status, lines, last: lines[lines.length - 1], calls, stdout: result.stdout };
}

const projectOf = (c: Call) => c.args[c.args.indexOf('--selectProjects') + 1];

describe('.ci/run', () => {
  it('runs unit and e2e once, integration on SQLite and on PostgreSQL + Redis, and sums every part', () => {
    const ci = runCi({
      unit: { passed: 130, failed: 0 },
      'integration-sqlite': { passed: 300, failed: 0 },
      'integration-postgres': { passed: 301, failed: 0 },
      e2e: { passed: 40, failed: 0 },
    });

    expect(ci.last).toBe('ci: 773 passed, 0 failed');
    expect(ci.status).toBe(0);
    const tests = ci.calls.filter((c) => c.args[0] === 'test');
    expect(tests.every((c) => c.args.includes('--selectProjects'))).toBe(true);
    expect(tests.map((c) => [projectOf(c), c.databaseUrl, c.redisUrl])).toEqual([
      ['unit', '', ''],
      ['integration', '', ''],
      ['integration', expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:5432\/parley_ci_/), 'redis://127.0.0.1:6379'],
      ['e2e', expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:5432\/parley_ci_/), 'redis://127.0.0.1:6379'],
    ]);
    expect(ci.calls.filter((c) => c.args[0] === 'ci')).toHaveLength(1);
    expect(ci.calls.filter((c) => c.args[0] === 'run').map((c) => c.args[2])).toEqual(['lint', 'typecheck']);
  });

  it('prints the wall time of each part and of the whole run', () => {
    const ci = runCi({ unit: { passed: 1, failed: 0 }, 'integration-sqlite': { passed: 1, failed: 0 }, 'integration-postgres': { passed: 1, failed: 0 }, e2e: { passed: 1, failed: 0 } });

    const table = ci.lines.slice(ci.lines.indexOf('== wall time') + 1, -1);
    expect(table.map((line) => line.split(/\s+/)[0])).toEqual(['setup', 'unit', 'lint', 'typecheck', 'integration-sqlite', 'integration-postgres', 'e2e', 'total']);
    expect(table.every((line) => /\s\d+\.\d s$/.test(line))).toBe(true);
  });

  it('counts failed tests, broken suites, a missing report and a failed check, and exits non-zero', () => {
    const ci = runCi(
      {
        unit: { passed: 130, failed: 0 },
        'integration-sqlite': { passed: 298, failed: 2, runtimeErrors: 1 },
        'integration-postgres': { passed: 301, failed: 0 },
        e2e: null,
      },
      { typecheck: false },
    );

    // lint 1; typecheck 1 failed; integration 2 failed tests + 1 suite that did not run; e2e wrote no report.
    expect(ci.last).toBe('ci: 730 passed, 5 failed');
    expect(ci.status).not.toBe(0);
    expect(ci.calls.filter((c) => c.args[0] === 'test').map(projectOf)).toEqual(['unit', 'integration', 'integration', 'e2e']);
  });

  it('runs the integration files that always start PostgreSQL + Redis processes in the PostgreSQL pass only', () => {
    const ci = runCi(
      { unit: { passed: 1, failed: 0 }, 'integration-sqlite': { passed: 1, failed: 0 }, 'integration-postgres': { passed: 1, failed: 0 }, e2e: { passed: 1, failed: 0 } },
      {},
      {
        'apps/api/test/topology.int-spec.ts': '// ci: postgres+redis always (its own processes)\nit("x", () => undefined);\n',
        'apps/api/test/webchat.int-spec.ts': 'it("y", () => undefined);\n',
      },
    );

    expect(ci.last).toBe('ci: 6 passed, 0 failed');
    const integration = ci.calls.filter((c) => c.args[0] === 'test' && projectOf(c) === 'integration');
    const ignored = (c: Call) => c.args.filter((a) => a.startsWith('--testPathIgnorePatterns='));
    expect(ignored(integration[0])).toEqual(['--testPathIgnorePatterns=/node_modules/', '--testPathIgnorePatterns=(topology.int-spec.ts)$']);
    expect(integration[0].databaseUrl).toBe('');
    expect(ignored(integration[1])).toEqual([]);
    expect(integration[1].databaseUrl).toMatch(/^postgres:/);
  });
});
