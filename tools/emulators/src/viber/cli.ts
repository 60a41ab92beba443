import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { controlClient, parseArgs, runCli, usageOf } from '../kit/cli-kit';

/**
 * Be a Viber user from the terminal, against a running emulator:
 *   node dist/tools/emulators/src/viber/cli.js bots
 *   node dist/tools/emulators/src/viber/cli.js send "Где мой заказ?" [--bot <index>] [--user <viber id>] [--name Ольга] [--lang ru]
 *   … open (conversation_started: prints the welcome) · file <path> [caption] · contact <phone> · location <lat> <lon>
 *   … sticker [id] · subscribe · unsubscribe · chat
 *   … fail <method> <status> [times] (the next call answers that Viber status) · lose <method> (carried out, answer lost)
 *   … reports in-order|reversed|none (delivery reports; reversed: seen before delivered)
 * EMULATOR_VIBER_URL (default http://127.0.0.1:3213) says where the emulator is.
 */
const USAGE = usageOf(__filename);

async function main(argv: string[]): Promise<void> {
  const { flags, args } = parseArgs(argv);
  const call = controlClient(flags.url ?? process.env.EMULATOR_VIBER_URL ?? 'http://127.0.0.1:3213');
  const [command, ...rest] = args;
  if (!command || command === 'help') return void console.log(USAGE);
  if (command === 'bots') return void console.log(JSON.stringify(await call('bots'), null, 2));
  const bots: { index: number }[] = await call('bots');
  const bot = flags.bot ?? (bots.length === 1 ? String(bots[0].index) : undefined);
  if (!bot) throw new Error(bots.length ? 'several bots: choose one with --bot <index> (see `bots`)' : 'no bot yet: create a Viber inbox first');
  const user = encodeURIComponent(flags.user ?? 'cliUser0000000000000A==');
  const who = { user: { name: flags.name ?? 'CLI user', language: flags.lang ?? 'ru' } };
  const at = (action: string) => `bots/${bot}/users/${user}/${action}`;
  let result: unknown;
  switch (command) {
    case 'send':
      result = await call(at('send'), { text: rest.join(' '), ...who });
      break;
    case 'open':
    case 'subscribe':
    case 'unsubscribe':
      result = await call(at(command), who);
      break;
    case 'file': {
      const file = rest[0];
      const contentType = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      result = await call(at('send'), { file: { name: basename(file), contentType, base64: readFileSync(file).toString('base64') }, caption: rest.slice(1).join(' '), ...who });
      break;
    }
    case 'contact':
      result = await call(at('send'), { contact: { phone_number: rest[0], own: true }, ...who });
      break;
    case 'location':
      result = await call(at('send'), { location: { lat: Number(rest[0]), lon: Number(rest[1]) }, ...who });
      break;
    case 'sticker':
      result = await call(at('send'), { sticker: Number(rest[0] ?? 40133), ...who });
      break;
    case 'chat':
      result = await call(`${at('chat')}?read=1`);
      break;
    case 'fail':
      result = await call(`bots/${bot}/fail`, { method: rest[0], status: Number(rest[1] ?? 12), times: Number(rest[2] ?? 1) });
      break;
    case 'lose':
      result = await call(`bots/${bot}/fail`, { method: rest[0] ?? 'send_message', lose: true });
      break;
    case 'reports':
      result = await call(`bots/${bot}/reports`, { mode: rest[0] });
      break;
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
  console.log(JSON.stringify(result, null, 2));
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf', '.txt': 'text/plain', '.mp4': 'video/mp4' };

runCli(main);
