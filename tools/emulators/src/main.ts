import { EMULATORS } from './registry';
import type { RunningEmulator } from './emulator';

/**
 * Runs every registered emulator in one process and prints one JSON line
 * `{"emulators":{"twilio":"http://127.0.0.1:3210",…}}` for the launcher to pass on to the api.
 */
async function main(): Promise<void> {
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  const parleyUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const running: RunningEmulator[] = [];
  for (const [name, { port, start }] of Object.entries(EMULATORS)) {
    running.push(await start({ host, port: Number(process.env[`EMULATOR_${name.toUpperCase()}_PORT`] ?? port), parleyUrl }));
  }
  process.stdout.write(`${JSON.stringify({ emulators: Object.fromEntries(running.map((e) => [e.name, e.url])) })}\n`);
  const stop = async () => {
    await Promise.all(running.map((e) => e.close().catch(() => undefined)));
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
