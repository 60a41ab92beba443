import { loadConfig } from '@parley/runtime';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    require('../../worker/src/main');
    return;
  }
  const app = await createApp(config);
  await app.listen(config.port);
  process.stdout.write(`Parley is running: console ${config.publicUrl}/  demo ${config.publicUrl}/demo  API docs ${config.publicUrl}/api/docs\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
