import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { controlClient, parseArgs, runCli, usageOf } from '../kit/cli-kit';

/**
 * Be a Telegram user from the terminal, against a running emulator:
 *   node dist/tools/emulators/src/telegram/cli.js bots
 *   node dist/tools/emulators/src/telegram/cli.js send "Where is my order?" [--bot <id>] [--user 4242] [--name Ivan]
 *   … photo|document|voice <file> [caption] · contact <phone> · location <lat> <lon> · start <payload>
 *   … edit <message id> <text> · press <message id> <callback data> · block · unblock · chat
 *   … fail <method> <error code> [retry after s] (the next call of that method answers the error)
 * EMULATOR_TELEGRAM_URL (default http://127.0.0.1:3211) says where the emulator is.
 */
const USAGE = usageOf(__filename);

async function main(argv: string[]): Promise<void> {
  const { flags, args } = parseArgs(argv);
  const call = controlClient(flags.url ?? process.env.EMULATOR_TELEGRAM_URL ?? 'http://127.0.0.1:3211');
  const [command, ...rest] = args;
  if (!command || command === 'help') return void console.log(USAGE);
  if (command === 'bots') return void console.log(JSON.stringify(await call('bots'), null, 2));
  const bots: { id: number }[] = await call('bots');
  const bot = flags.bot ?? (bots.length === 1 ? String(bots[0].id) : undefined);
  if (!bot) throw new Error(bots.length ? 'several bots: choose one with --bot <id> (see `bots`)' : 'no bot yet: create a Telegram inbox first');
  const user = flags.user ?? '4242';
  const who = { user: { first_name: flags.name ?? 'CLI user' } };
  const at = (action: string) => `bots/${bot}/users/${user}/${action}`;
  let result: unknown;
  switch (command) {
    case 'send':
      result = await call(at('send'), { text: rest.join(' '), ...who });
      break;
    case 'start':
      result = await call(at('send'), { text: `/start ${rest[0] ?? ''}`.trim(), ...who });
      break;
    case 'photo':
    case 'document':
    case 'voice': {
      const file = rest[0];
      const contentType = command === 'voice' ? 'audio/ogg' : MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      result = await call(at('send'), { kind: command, file: { name: basename(file), contentType, base64: readFileSync(file).toString('base64') }, caption: rest.slice(1).join(' '), ...who });
      break;
    }
    case 'contact':
      result = await call(at('send'), { contact: { phone_number: rest[0] }, ...who });
      break;
    case 'location':
      result = await call(at('send'), { location: { latitude: Number(rest[0]), longitude: Number(rest[1]) }, ...who });
      break;
    case 'edit':
      result = await call(at('edit'), { message_id: Number(rest[0]), text: rest.slice(1).join(' '), ...who });
      break;
    case 'press':
      result = await call(at('press'), { message_id: Number(rest[0]), data: rest[1], ...who });
      break;
    case 'block':
    case 'unblock':
      result = await call(at('block'), { blocked: command === 'block' });
      break;
    case 'chat':
      result = await call(at('chat'));
      break;
    case 'fail':
      result = await call(`bots/${bot}/fail`, { method: rest[0], error_code: Number(rest[1] ?? 429), ...(rest[2] ? { retry_after: Number(rest[2]) } : {}) });
      break;
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
  console.log(JSON.stringify(result, null, 2));
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.pdf': 'application/pdf', '.txt': 'text/plain', '.ogg': 'audio/ogg' };

runCli(main);
