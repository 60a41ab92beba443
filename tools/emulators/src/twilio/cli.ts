import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fail, runCliWithCode } from '../kit/cli-kit';

/**
 * Texts a Parley inbox as a customer, through the running Twilio emulator (signed like Twilio):
 *
 *   node dist/tools/emulators/src/twilio/cli.js sms --from +79161234567 --body "Привет"
 *   node dist/tools/emulators/src/twilio/cli.js whatsapp --from +79161234567 --name Иван --body "Hi" --media photo.jpg
 *
 * --to picks the inbox number (default: the first connected one of that channel);
 * --emulator is the emulator's URL (default EMULATOR_TWILIO_URL or http://127.0.0.1:3210).
 */
const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.pdf': 'application/pdf' };

async function main(argv: string[]): Promise<number> {
  const [channel, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i]?.startsWith('--') || rest[i + 1] === undefined) return usage(`unexpected argument ${rest[i]}`);
    flags[rest[i].slice(2)] = rest[i + 1];
  }
  if (channel !== 'sms' && channel !== 'whatsapp') return usage('the first argument is sms or whatsapp');
  if (!flags.from) return usage('--from is required');
  const emulator = (flags.emulator ?? process.env.EMULATOR_TWILIO_URL ?? 'http://127.0.0.1:3210').replace(/\/$/, '');

  let to = flags.to;
  if (!to) {
    const numbers = (await (await fetch(`${emulator}/_emulator/numbers`)).json()) as { phoneNumber: string; channel: string }[];
    to = numbers.find((n) => n.channel === channel)?.phoneNumber ?? '';
    if (!to) return fail(`no ${channel} inbox is connected to the emulator at ${emulator} (is Parley running in demo mode?)`);
  } else if (channel === 'whatsapp' && !to.startsWith('whatsapp:')) {
    to = `whatsapp:${to}`;
  }
  const media = flags.media
    ? [{ contentType: TYPES[extname(flags.media).toLowerCase()] ?? 'application/octet-stream', data: readFileSync(flags.media).toString('base64') }]
    : [];
  const res = await fetch(`${emulator}/_emulator/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, from: flags.from, body: flags.body ?? '', profileName: flags.name, media }),
  });
  const answer = (await res.json()) as { sid?: string; status?: number; body?: string; message?: string };
  if (!res.ok) return fail(answer.message ?? `emulator answered HTTP ${res.status}`);
  const ok = (answer.status ?? 0) < 300;
  process.stdout.write(`${answer.sid}: ${channel} ${flags.from} → ${to}${media.length ? ` with ${basename(flags.media)}` : ''}; Parley answered HTTP ${answer.status}\n`);
  return ok ? 0 : 1;
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\nusage: cli.js sms|whatsapp --from +79161234567 --body "Привет" [--to +15005550006] [--name Иван] [--media file.jpg] [--emulator http://127.0.0.1:3210]\n`);
  return 2;
}

runCliWithCode(main);
