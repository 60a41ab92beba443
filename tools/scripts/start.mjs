// `npm start`: build what is stale, then run Parley (api + worker in one process on the embedded
// defaults). In demo mode (the default; PARLEY_DEMO=false turns it off) the channel emulators run
// beside it and demo inboxes point at them, so SMS, WhatsApp, Telegram and email can be tried
// without provider accounts.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'tools/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

const children = [];
const stopAll = (code = 0) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function startEmulators() {
  const script = join(root, 'dist/tools/emulators/src/main.js');
  if (process.env.PARLEY_DEMO === 'false' || !existsSync(script)) return {};
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve) => {
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line).emulators ?? {});
      } catch {
        resolve({});
      }
      lines.on('line', (l) => process.stdout.write(`[emulators] ${l}\n`));
    });
    child.once('exit', () => resolve({}));
  });
}

const emulators = await startEmulators();
const env = { ...process.env };
if (Object.keys(emulators).length) {
  env.PARLEY_DEMO_EMULATORS = JSON.stringify(emulators);
  process.stdout.write(`Channel emulators: ${Object.entries(emulators).map(([n, u]) => `${n} ${u}`).join(', ')}\n`);
}
const api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: 'inherit' });
children.push(api);
api.on('exit', (code) => stopAll(code ?? 0));
