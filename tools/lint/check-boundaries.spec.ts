import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// The checker runs as `npm run lint` does, on a small workspace laid out like ours, so the rules
// themselves are under test and not only their configuration.
const CHECKER = path.join(__dirname, 'check-boundaries.mjs');

const PROJECTS: Record<string, { name: string; tags: string[] }> = {
  'libs/contracts': { name: 'contracts', tags: ['type:contracts'] },
  'libs/domain': { name: 'domain', tags: ['type:domain'] },
  'libs/persistence': { name: 'persistence', tags: ['type:data'] },
  'libs/channels/core': { name: 'channels-core', tags: ['type:ports', 'scope:channel'] },
  'libs/channels/telegram': { name: 'channels-telegram', tags: ['type:feature', 'scope:channel'] },
  'libs/channels/twilio': { name: 'channels-twilio', tags: ['type:feature', 'scope:channel'] },
};

let root: string;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

async function lint(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CHECKER, '--root', root]);
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    return { code: e.code, output: `${e.stdout}${e.stderr}` };
  }
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lint-'));
  const paths: Record<string, string[]> = {};
  for (const [dir, p] of Object.entries(PROJECTS)) {
    write(`${dir}/project.json`, JSON.stringify({ name: p.name, sourceRoot: `${dir}/src`, tags: p.tags }));
    write(`${dir}/src/index.ts`, `export const ${p.name.replace('-', '_')} = 'Здравствуйте, ${p.name}';\n`);
    paths[`@parley/${p.name}`] = [`${dir}/src/index.ts`];
  }
  write('libs/contracts/src/index.ts', "export type Channel = 'telegram' | 'sms';\nexport const WIDGET_EVENTS = { message: 'сообщение' };\n");
  write('libs/domain/src/ids.ts', "export const prefix = 'ид';\n");
  write('tsconfig.base.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths } }));
  write(
    'libs/channels/telegram/src/telegram.adapter.ts',
    "import { channels_core } from '@parley/channels-core';\nimport type { Channel } from '@parley/contracts';\n" +
      "export const channel: Channel = 'telegram';\nexport const reply = `${channels_core}: Привет`;\n",
  );
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('module-boundary lint', () => {
  it('passes an adapter that knows only channels/core and types from contracts', async () => {
    const { code, output } = await lint();
    expect(output).toContain('no new violations');
    expect(code).toBe(0);
  });

  it('reports an adapter importing another adapter, naming the file, the import and the rule', async () => {
    write('libs/channels/telegram/src/forward.ts', "import { channels_twilio } from '@parley/channels-twilio';\nexport const via = channels_twilio;\n");
    const { code, output } = await lint();
    expect(code).toBe(1);
    expect(output).toContain('libs/channels/telegram/src/forward.ts: import "@parley/channels-twilio"');
    expect(output).toContain('channels-telegram (type:feature, scope:channel) may import only channels-core, domain, types (import type) from contracts,');
  });

  it('reports the domain reaching persistence by a relative path', async () => {
    write('libs/domain/src/rules.ts', "import { persistence } from '../../persistence/src/index';\nexport const store = persistence;\n");
    const { code, output } = await lint();
    expect(code).toBe(1);
    expect(output).toContain('libs/domain/src/rules.ts: import "../../persistence/src/index"');
    expect(output).toContain('boundaries/domain: domain (type:domain) may import only its own files');
  });

  it('reports a deep import into a project it may use, which skips its public index', async () => {
    write('libs/persistence/src/store.ts', "import { prefix } from '../../domain/src/ids';\nexport const key = `${prefix}-1`;\n");
    const { code, output } = await lint();
    expect(code).toBe(1);
    expect(output).toContain('entry-point/persistence');
  });

  it('reports a value, not a type, taken from contracts by an adapter', async () => {
    write('libs/channels/twilio/src/events.ts', "import { WIDGET_EVENTS } from '@parley/contracts';\nexport const events = WIDGET_EVENTS;\n");
    const { code, output } = await lint();
    expect(code).toBe(1);
    expect(output).toContain('libs/channels/twilio/src/events.ts: import "@parley/contracts"');
    expect(output).toContain('boundaries/channels-twilio/types-only');
  });

  it('lets an allow-listed import through and fails once the entry is stale', async () => {
    write('libs/channels/telegram/src/store.ts', "import { persistence } from '@parley/persistence';\nexport const rows = persistence;\n");
    write(
      'tools/lint/allow-list.cjs',
      "module.exports = [{ from: 'libs/channels/telegram/src/store.ts', import: '@parley/persistence', removedBy: 'item 1' }];\n",
    );
    const allowed = await lint();
    expect(allowed.output).toContain('no new violations (1 allow-listed)');
    expect(allowed.code).toBe(0);

    fs.rmSync(path.join(root, 'libs/channels/telegram/src/store.ts'));
    const stale = await lint();
    expect(stale.code).toBe(1);
    expect(stale.output).toContain('"@parley/persistence" in libs/channels/telegram/src/store.ts is no longer a violation; remove the entry');
  });

  it('reports code in a folder that no project owns', async () => {
    write('libs/reports/src/index.ts', "export const title = 'Отчёт';\n");
    const { code, output } = await lint();
    expect(code).toBe(1);
    expect(output).toContain('libs/reports/src/index.ts: not inside any project');
  });
});
