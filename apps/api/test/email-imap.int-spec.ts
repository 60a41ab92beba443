import { IngestService } from '@parley/conversations';
import type { ConversationDto } from '@parley/contracts';
import { api } from './harness';
import { startDovecot, type TestImapServer } from './email-dovecot';
import { fixture, SUPPORT, useEmailApp } from './email-harness';

/** Until `check` passes, or fail after `timeoutMs` with what it last saw. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(value, (_, v) => (v instanceof Set ? [...v] : v))})`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

/** The worker polls the inbox's IMAP mailbox (a real dovecot), with IDLE, marking mail seen after storing it. */
describe('email in: IMAP polling', () => {
  let imap: TestImapServer;
  beforeAll(async () => {
    imap = await startDovecot();
  });
  afterAll(async () => {
    await imap?.stop();
  });
  const t = useEmailApp({ inboxConfig: () => ({ imap: { host: imap.host, port: imap.port, secure: false, user: imap.user, pass: imap.pass } }) });

  it('stores unseen mail and flags it \\Seen only after it is stored', async () => {
    const ingest = t.app.app.get(IngestService);
    let attempted!: () => void;
    const firstAttempt = new Promise<void>((r) => (attempted = r));
    const outage = jest.spyOn(ingest, 'receive').mockImplementation(async () => {
      attempted();
      throw new Error('database unavailable (test)');
    });
    const uid = await imap.append(fixture('gmail-en-new.eml'));
    await firstAttempt;
    // Storing failed: the mail must still be unseen, waiting for the next round.
    expect((await imap.flags(uid)).has('\\Seen')).toBe(false);

    const shown = t.nextMessage((m) => m.content.includes('blue kettle'));
    outage.mockRestore();
    const message = await shown;
    expect(message).toMatchObject({ channel: 'email', inboxId: t.inboxId });
    expect(message.metadata).toMatchObject({ subject: 'Order #10482 not shipped yet' });
    await eventually(() => imap.flags(uid), (flags) => flags.has('\\Seen'));
  });

  it('is woken by IDLE for new mail, leaves mail a person already read alone, and decodes legacy charsets', async () => {
    const readByPerson = await imap.append(
      `From: someone@example.com\r\nTo: ${SUPPORT}\r\nSubject: Already read\r\nMessage-ID: <read-by-person@example.com>\r\n\r\nRead in another client\r\n`,
      ['\\Seen'],
    );
    const shown = t.nextMessage((m) => m.content.startsWith('Здравствуйте, Shop.'));
    const uid = await imap.append(fixture('the-bat-ru-cp1251.eml'));
    const message = await shown;
    expect(message.metadata).toMatchObject({ subject: 'Счёт-фактура по заказу №10511' });
    await eventually(() => imap.flags(uid), (flags) => flags.has('\\Seen'));
    // Lower UID, so it would have been taken first: it was not taken at all.
    const all: ConversationDto[] = (await api(t.url, 'GET', `/api/conversations?inboxId=${t.inboxId}&limit=100`, undefined, t.token)).body.items;
    expect(all.some((c) => c.customer.email === 'someone@example.com')).toBe(false);
    expect((await imap.flags(readByPerson)).has('\\Seen')).toBe(true);
  });

  it('flags an auto-reply seen without opening a conversation', async () => {
    const before = (await api(t.url, 'GET', `/api/conversations?inboxId=${t.inboxId}&limit=100`, undefined, t.token)).body.items.length;
    const uid = await imap.append(fixture('auto-reply-yandex.eml'));
    await eventually(() => imap.flags(uid), (flags) => flags.has('\\Seen'));
    const after = (await api(t.url, 'GET', `/api/conversations?inboxId=${t.inboxId}&limit=100`, undefined, t.token)).body.items.length;
    expect(after).toBe(before);
  });
});
