import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fail, runCliWithCode } from '../kit/cli-kit';

/**
 * Writes to a Parley Messenger or Instagram inbox as a customer, through the running Meta emulator
 * (signed like Meta):
 *
 *   node dist/tools/emulators/src/meta/cli.js messenger --from "Ольга Петрова" --text "Где мой заказ?"
 *   node dist/tools/emulators/src/meta/cli.js instagram --from "Emily Carter" --text "Hi" --media photo.jpg
 *
 * --emulator is the emulator's URL (default EMULATOR_META_URL or http://127.0.0.1:3215).
 */
const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.pdf': 'application/pdf' };

async function main(argv: string[]): Promise<number> {
  const [channel, ...rest] = argv;
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i]?.startsWith('--') || rest[i + 1] === undefined) return usage(`unexpected argument ${rest[i]}`);
    flags[rest[i].slice(2)] = rest[i + 1];
  }
  if (channel !== 'messenger' && channel !== 'instagram') return usage('the first argument is messenger or instagram');
  if (!flags.from) return usage('--from is required');
  const emulator = (flags.emulator ?? process.env.EMULATOR_META_URL ?? 'http://127.0.0.1:3215').replace(/\/$/, '');
  const media = flags.media ? [{ contentType: TYPES[extname(flags.media).toLowerCase()] ?? 'application/octet-stream', data: readFileSync(flags.media).toString('base64') }] : [];
  const res = await fetch(`${emulator}/_emulator/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, from: flags.from, text: flags.text ?? '', media }),
  });
  const answer = (await res.json()) as { mid?: string; userId?: string; status?: number; message?: string };
  if (!res.ok) return fail(answer.message ?? `emulator answered HTTP ${res.status}`);
  process.stdout.write(`${answer.mid}: ${channel} ${flags.from} (${answer.userId})${media.length ? ` with ${basename(flags.media)}` : ''}; Parley answered HTTP ${answer.status}\n`);
  return (answer.status ?? 0) === 200 ? 0 : 1;
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\nusage: cli.js messenger|instagram --from "Ольга" --text "Привет" [--media file.jpg] [--emulator http://127.0.0.1:3215]\n`);
  return 2;
}

runCliWithCode(main);
