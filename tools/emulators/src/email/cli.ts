import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fail, runCliWithCode } from '../kit/cli-kit';

/**
 * Mails a Parley inbox as a customer, and reads Parley's replies, through the running email
 * emulator:
 *
 *   node dist/tools/emulators/src/email/cli.js send --from maria@example.com --subject "Заказ" --text "Где мой заказ?"
 *   node dist/tools/emulators/src/email/cli.js send --from emma@example.com --text "See attached" --attach invoice.pdf
 *   node dist/tools/emulators/src/email/cli.js list
 *   node dist/tools/emulators/src/email/cli.js reply <mail id> --text "Thanks!"
 *
 * --to is the inbox address (default: the demo inbox); --emulator the emulator's URL (default
 * EMULATOR_EMAIL_URL or http://127.0.0.1:3212).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    if (!rest[i].startsWith('--')) positional.push(rest[i]);
    else if (rest[i + 1] === undefined) return usage(`${rest[i]} needs a value`);
    else flags[rest[i].slice(2)] = rest[++i];
  }
  const emulator = (flags.emulator ?? process.env.EMULATOR_EMAIL_URL ?? 'http://127.0.0.1:3212').replace(/\/$/, '');
  if (command === 'list') {
    const mails = (await (await fetch(`${emulator}/api/mail`)).json()) as { id: string; receivedAt: string; from: string; to: string[]; subject: string }[];
    for (const m of mails) process.stdout.write(`${m.id}  ${m.receivedAt}  ${m.from} → ${m.to.join(', ')}  ${m.subject}\n`);
    if (!mails.length) process.stdout.write('no mail from Parley yet\n');
    return 0;
  }
  if (command === 'reply') {
    if (!positional[0] || !flags.text) return usage('reply needs a mail id and --text');
    return report(await post(`${emulator}/api/mail/${encodeURIComponent(positional[0])}/reply`, { text: flags.text, from: flags.from }));
  }
  if (command !== 'send') return usage('the first argument is send, list or reply');
  if (!flags.from) return usage('--from is required');
  const attachments = flags.attach
    ? [{ filename: basename(flags.attach), contentType: 'application/octet-stream', base64: readFileSync(flags.attach).toString('base64') }]
    : undefined;
  return report(
    await post(`${emulator}/api/send`, {
      from: flags.from,
      name: flags.name,
      to: flags.to,
      subject: flags.subject ?? '',
      text: flags.text ?? '',
      ...(flags.cc ? { cc: flags.cc.split(',') } : {}),
      ...(flags['in-reply-to'] ? { inReplyTo: flags['in-reply-to'] } : {}),
      attachments,
    }),
  );
}

async function post(url: string, body: unknown): Promise<{ ok: boolean; body: Record<string, string> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: res.ok, body: (await res.json()) as Record<string, string> };
}

function report(result: { ok: boolean; body: Record<string, string> }): number {
  if (!result.ok) return fail(result.body.message ?? 'the emulator refused');
  process.stdout.write(`sent ${result.body.messageId}: Parley answered ${result.body.response}\n`);
  return 0;
}

function usage(problem: string): number {
  process.stderr.write(
    `${problem}\nusage: cli.js send --from maria@example.com [--name "Мария"] [--to support@demo-shop.example] [--subject …] --text … [--cc a@x,b@y] [--attach file] [--emulator http://127.0.0.1:3212]\n` +
      `       cli.js list\n       cli.js reply <mail id> --text …\n`,
  );
  return 2;
}

runCliWithCode(main);
