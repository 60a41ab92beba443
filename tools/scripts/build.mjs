// Builds what `npm start` runs: the server (tsc + path aliases rewritten), the console and the
// widget (Vite), then their precompressed .br/.gz copies. Steps whose outputs are newer than their
// sources are skipped.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { precompress } from './precompress.mjs';

const root = new URL('../..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
// Vite takes NODE_ENV from the caller: under Jest (NODE_ENV=test) it bundled React's development
// build, half as big again, into what the browser tests and a later `npm start` served.
const run = (cmd, args) => execFileSync(bin(cmd), args, { cwd: root, stdio: 'inherit', env: cmd === 'vite' ? { ...process.env, NODE_ENV: 'production' } : process.env });
const only = process.argv.slice(2);
const wanted = (step) => only.length === 0 || only.includes(step);

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'e2e') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = (output, ...sources) => !existsSync(output) || Math.max(...sources.map(newest)) > statSync(output).mtimeMs;

if (wanted('server')) {
  run('tsc', ['-p', 'tsconfig.build.json']);
  run('tsc-alias', ['-p', 'tsconfig.build.json']);
}
if (wanted('console') && existsSync(join(root, 'apps/console/vite.config.ts')) &&
    (process.env.FORCE_BUILD || stale(join(root, 'dist/apps/console/index.html'), 'apps/console', 'libs/contracts'))) {
  run('vite', ['build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn']);
}
if (wanted('widget') && existsSync(join(root, 'apps/widget/vite.config.ts')) &&
    (process.env.FORCE_BUILD || stale(join(root, 'dist/apps/widget/widget.js'), 'apps/widget', 'libs/contracts'))) {
  run('vite', ['build', '--config', 'apps/widget/vite.config.ts', '--logLevel', 'warn']);
}
if (wanted('widget') && existsSync(join(root, 'apps/widget/demo/index.html'))) {
  mkdirSync(join(root, 'dist/apps/widget'), { recursive: true });
  copyFileSync(join(root, 'apps/widget/demo/index.html'), join(root, 'dist/apps/widget/demo.html'));
}
// demo.html is rewritten per response (website token, CSP nonce), so it is compressed when served.
if (wanted('console')) precompress(join(root, 'dist/apps/console'));
if (wanted('widget')) precompress(join(root, 'dist/apps/widget'), (file) => file.endsWith('demo.html'));
