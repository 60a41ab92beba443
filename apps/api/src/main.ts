// Before any decorated class loads (@parley/jobs comes first): Nest reads the metadata it records.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startWorker } from '@parley/jobs';
import { loadConfig, logFormat } from '@parley/runtime';
import { createApp } from './bootstrap';
import { demoEmulators } from './inboxes/demo-inboxes';
import { type StartupInfo, startupBanner, startupFacts } from './startup-banner';
import { InboxesService } from './inboxes/inboxes.service';
import { UsersService } from './users/users.service';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    await startWorker();
    return;
  }
  const format = logFormat();
  const app = await createApp(config);
  await app.listen(config.port);
  await app.get(InboxesService).setUpDemoEmulatorInboxes();
  const info: StartupInfo = {
    publicUrl: config.publicUrl,
    adminEmail: config.adminEmail,
    adminPassword: app.get(UsersService).adminPasswordAtStart,
    demo: config.demo,
    emulators: demoEmulators(),
  };
  if (format === 'pretty') {
    process.stdout.write(`\n${startupBanner(info).join('\n')}\n\n`);
    return;
  }
  new Logger('Parley').log({ msg: 'Parley is ready', ...startupFacts(info) });
  if (info.adminPassword.kind === 'generated') {
    // Deliberately printed once, to the terminal or container output only, never to the structured log.
    process.stdout.write(`\n  Parley admin created: ${config.adminEmail} / ${info.adminPassword.password}\n  (shown once; set ADMIN_PASSWORD to choose it)\n\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
