import { InboundMessageRefused } from '@parley/channels-core';
import { ImapClient, ImapMailboxWatcher, MailVerdict } from './imap-mailbox.watcher';

/** An in-memory mailbox speaking the few IMAP commands the watcher uses. */
class FakeMailbox implements ImapClient {
  usable = true;
  readonly log: string[] = [];
  constructor(readonly mails: { uid: number; source: Buffer; flags: Set<string> }[]) {}
  async connect() {}
  async mailboxOpen() {}
  async search() {
    return this.mails.filter((m) => !m.flags.has('\\Seen')).map((m) => m.uid);
  }
  async fetchOne(uid: string, query: { size?: boolean; source?: boolean }) {
    const mail = this.mails.find((m) => m.uid === Number(uid));
    if (!mail) return false as const;
    return { uid: mail.uid, size: mail.source.length, ...(query.source ? { source: mail.source } : {}) };
  }
  async messageFlagsAdd(uid: string, flags: string[]) {
    this.log.push(`flag ${uid} ${flags.join(' ')}`);
    flags.forEach((f) => this.mails.find((m) => m.uid === Number(uid))!.flags.add(f));
    return true;
  }
  async logout() {}
  close() {}
  on() {
    return this;
  }
}

const imap = { host: 'imap.shop.example', port: 993, secure: true, user: 'support', pass: 'x' };
const log = { log: () => undefined, warn: () => undefined };
const mail = (uid: number, text: string, seen = false) => ({ uid, source: Buffer.from(`Subject: ${text}\r\n\r\n${text}\r\n`), flags: new Set(seen ? ['\\Seen'] : []) });

describe('watching an IMAP mailbox', () => {
  it('flags a mail \\Seen only after the pipeline stored it, and skips mail already seen', async () => {
    const box = new FakeMailbox([mail(1, 'read by a person', true), mail(2, 'first'), mail(3, 'second')]);
    const order: string[] = [];
    const handle = async (raw: Buffer): Promise<MailVerdict> => {
      order.push(`stored ${raw.toString().split('\r\n')[0]}`);
      return 'stored';
    };
    box.messageFlagsAdd = ((original) => async (uid: string, flags: string[]) => {
      order.push(`flag ${uid} ${flags.join(' ')}`);
      return original(uid, flags);
    })(box.messageFlagsAdd.bind(box));
    const watcher = new ImapMailboxWatcher(imap, handle, { maxBytes: 1_000, log });
    expect(await watcher.drain(box)).toBe(false);
    expect(order).toEqual(['stored Subject: first', 'flag 2 \\Seen', 'stored Subject: second', 'flag 3 \\Seen']);
  });

  it('leaves a mail unseen when storing fails, and stores it on the next round', async () => {
    const box = new FakeMailbox([mail(1, 'hello'), mail(2, 'later')]);
    let down = true;
    const handle = async (): Promise<MailVerdict> => {
      if (down) throw new Error('database unavailable');
      return 'stored';
    };
    const watcher = new ImapMailboxWatcher(imap, handle, { maxBytes: 1_000, log });
    expect(await watcher.drain(box)).toBe(true);
    expect(box.mails.map((m) => m.flags.has('\\Seen'))).toEqual([false, false]);
    down = false;
    expect(await watcher.drain(box)).toBe(false);
    expect(box.mails.map((m) => m.flags.has('\\Seen'))).toEqual([true, true]);
  });

  it('marks refused and oversized mail so it is not fetched forever', async () => {
    const box = new FakeMailbox([mail(1, 'x'.repeat(2_000)), mail(2, 'unreadable')]);
    const watcher = new ImapMailboxWatcher(imap, async () => 'rejected', { maxBytes: 1_000, log });
    await watcher.drain(box);
    expect(box.log).toEqual(['flag 1 \\Seen $ParleyRejected', 'flag 2 \\Seen $ParleyRejected']);
  });

  it('flags a mail the pipeline refuses as unstorable and goes on with the next one', async () => {
    const box = new FakeMailbox([mail(1, 'Message-ID длиннее столбца'), mail(2, 'Обычное письмо')]);
    const warnings: string[] = [];
    const handle = async (raw: Buffer): Promise<MailVerdict> => {
      if (raw.toString().includes('длиннее')) throw new InboundMessageRefused('the provider message id is longer than 255 characters');
      return 'stored';
    };
    const watcher = new ImapMailboxWatcher(imap, handle, { maxBytes: 1_000, log: { log: () => undefined, warn: (m) => warnings.push(m) } });
    expect(await watcher.drain(box)).toBe(false);
    expect(box.log).toEqual(['flag 1 \\Seen $ParleyRejected', 'flag 2 \\Seen']);
    expect(warnings).toEqual(['IMAP mail uid 1 refused: the provider message id is longer than 255 characters']);
  });

  it('connects, drains, and stops cleanly', async () => {
    const box = new FakeMailbox([mail(1, 'hello')]);
    let stored!: () => void;
    const done = new Promise<void>((r) => (stored = r));
    const watcher = new ImapMailboxWatcher(imap, async () => (stored(), 'stored'), { maxBytes: 1_000, log, createClient: () => box });
    watcher.start();
    await done;
    await watcher.stop();
    expect(box.mails[0].flags.has('\\Seen')).toBe(true);
  });
});
