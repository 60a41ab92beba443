import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './email-harness';

const DOVECOT = '/usr/sbin/dovecot';

export interface TestImapServer {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** Puts a mail into the INBOX (optionally already \Seen); resolves with its UID. */
  append(raw: Buffer | string, flags?: string[]): Promise<number>;
  flags(uid: number): Promise<Set<string>>;
  stop(): Promise<void>;
}

/**
 * A real IMAP server for the tests: Debian's dovecot-imapd (`apt-get install dovecot-imapd`;
 * .ci/run installs it), started unprivileged on a loopback port with its own config, state and
 * mail under a temp directory, one static user. Nothing of the system's dovecot is touched.
 */
export async function startDovecot(): Promise<TestImapServer> {
  if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} not found: install dovecot-imapd (apt-get install -y dovecot-imapd) to run the IMAP tests`);
  const asRoot = process.getuid?.() === 0;
  // As root, drop to nobody; otherwise run as whoever runs the tests.
  const runAs = asRoot ? { name: 'nobody', group: 'nogroup', uid: 65534, gid: 65534 } : { name: userInfo().username, group: '', uid: process.getuid!(), gid: process.getgid!() };
  const dir = mkdtempSync(join(tmpdir(), 'parley-dovecot-'));
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  const port = await freePort();
  const pass = 'parley-imap-test';
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = parley-test-${port}
log_path = ${dir}/dovecot.log
default_internal_user = ${runAs.name}
${runAs.group ? `default_internal_group = ${runAs.group}` : ''}
default_login_user = ${runAs.name}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
passdb {
  driver = static
  args = password=${pass}
}
userdb {
  driver = static
  args = uid=${runAs.uid} gid=${runAs.gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${runAs.name}
  }
  unix_listener stats-writer {
    user = ${runAs.name}
  }
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  if (asRoot) for (const p of [dir, join(dir, 'run'), join(dir, 'state'), join(dir, 'mail'), join(dir, 'dovecot.conf')]) chownSync(p, runAs.uid, runAs.gid);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(asRoot ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const log = () => `${stderr}${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''}`;
  await waitForGreeting(port, child, log);

  const user = 'support';
  const client = async <T>(work: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout();
    }
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    append: (raw, flags = []) => client(async (c) => {
      const res = await c.append('INBOX', raw, flags);
      if (!res || !res.uid) throw new Error('APPEND returned no UID');
      return res.uid;
    }),
    flags: (uid) => client(async (c) => {
      await c.mailboxOpen('INBOX', { readOnly: true });
      const msg = await c.fetchOne(String(uid), { flags: true }, { uid: true });
      return msg ? (msg.flags ?? new Set()) : new Set();
    }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const greeting = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(1000);
      socket.once('data', (d) => (socket.end(), resolve(d.toString())));
      socket.once('error', () => resolve(''));
      socket.once('timeout', () => (socket.destroy(), resolve('')));
    });
    if (greeting.startsWith('* OK')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not answer on port ${port}: ${log()}`);
}
