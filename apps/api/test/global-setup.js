// Integration files that start Parley as child processes run the built server from dist/: build it
// (incrementally) once, before any file runs. Built per file instead, two files running side by side
// would rebuild dist/ under each other's running processes.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'tools/scripts/build.mjs'), 'server'], { cwd: root, stdio: 'inherit' });
  // Test workers start after this and inherit the environment: buildServer() then has nothing to do.
  process.env.PARLEY_TEST_SERVER_BUILT = '1';
};
