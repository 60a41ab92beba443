import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { controlClient, parseArgs, runCli, usageOf } from '../kit/cli-kit';

/**
 * Be a VK user writing to a community, from the terminal, against a running emulator:
 *   node dist/tools/emulators/src/vk/cli.js communities
 *   node dist/tools/emulators/src/vk/cli.js send "Где мой заказ?" [--community <id>] [--user 4242] [--name Ольга]
 *   … file <path> [text] · edit <message id> <text> · press <message id> <payload> · chat
 *   … deny · allow (message_deny / message_allow) · admin-reply <text> (an admin answers from VK)
 *   … fail <method> <error code> [--drop] (the next call answers the error, or does the work and loses the answer)
 * EMULATOR_VK_URL (default http://127.0.0.1:3214) says where the emulator is.
 */
const USAGE = usageOf(__filename);
const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.pdf': 'application/pdf', '.txt': 'text/plain' };

async function main(argv: string[]): Promise<void> {
  const { flags, args } = parseArgs(argv, ['drop']);
  const call = controlClient(flags.url ?? process.env.EMULATOR_VK_URL ?? 'http://127.0.0.1:3214');
  const [command, ...rest] = args;
  if (!command || command === 'help') return void console.log(USAGE);
  const communities: { id: number }[] = await call('communities');
  if (command === 'communities') return void console.log(JSON.stringify(communities, null, 2));
  const community = flags.community ?? (communities.length === 1 ? String(communities[0].id) : undefined);
  if (!community) throw new Error(communities.length ? 'several communities: choose one with --community <id>' : 'no community yet: create a VK inbox first');
  const at = (action: string) => `communities/${community}/users/${flags.user ?? '4242'}/${action}`;
  const who = { user: { first_name: flags.name ?? 'CLI', last_name: flags.surname ?? 'user' } };
  let result: unknown;
  switch (command) {
    case 'send':
      result = await call(at('send'), { text: rest.join(' '), ...who });
      break;
    case 'file': {
      const data = readFileSync(rest[0]);
      result = await call(at('send'), { text: rest.slice(1).join(' '), file: { name: basename(rest[0]), contentType: MIME[extname(rest[0]).toLowerCase()] ?? 'application/octet-stream', base64: data.toString('base64') }, ...who });
      break;
    }
    case 'edit':
      result = await call(at('edit'), { message_id: Number(rest[0]), text: rest.slice(1).join(' ') });
      break;
    case 'press':
      result = await call(at('press'), { message_id: Number(rest[0]), payload: rest.slice(1).join(' ') });
      break;
    case 'allow':
    case 'deny':
      result = await call(at('allow'), { allowed: command === 'allow' });
      break;
    case 'admin-reply':
      result = await call(at('admin-reply'), { text: rest.join(' ') });
      break;
    case 'chat':
      result = await call(at('chat'));
      break;
    case 'fail':
      result = await call(`communities/${community}/fail`, { method: rest[0], error_code: Number(rest[1] ?? 6), dropAnswer: !!flags.drop });
      break;
    default:
      throw new Error(`unknown command ${command}\n${USAGE}`);
  }
  console.log(JSON.stringify(result, null, 2));
}

runCli(main);
