// Browser tests load the built console and widget from dist/apps: build them (if stale) once.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'tools/scripts/build.mjs'), 'console', 'widget'], { cwd: root, stdio: 'inherit' });
};
