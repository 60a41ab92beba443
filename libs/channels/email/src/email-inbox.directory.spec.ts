import type { InboxDirectory, InboxRef } from '@parley/channels-core';
import { EmailInboxDirectory } from './email-inbox.directory';

/** The core InboxDirectory port over a list the test changes, counting its reads. */
class ListedInboxes implements InboxDirectory {
  reads = 0;
  constructor(public inboxes: InboxRef[]) {}
  async ofChannel(channel: string): Promise<InboxRef[]> {
    this.reads++;
    return this.inboxes.filter((i) => i.channel === channel);
  }
}

const inbox = (id: string, address: string): InboxRef => ({ id, channel: 'email', config: { address, smtp: { host: 'smtp.магазин.example', port: 587 } } });

describe('the email inbox directory over the core inbox port', () => {
  it('finds the inbox a plus-address reaches, with its tag', async () => {
    const directory = new EmailInboxDirectory(new ListedInboxes([inbox('i1', 'support@shop.example'), inbox('i2', 'sales@shop.example')]));
    const found = await directory.forRecipient('Sales+Заказ-42@Shop.Example');
    expect(found?.inbox.ref.id).toBe('i2');
    expect(found?.tag).toBe('заказ-42');
    expect(await directory.forRecipient('someone@elsewhere.example')).toBeNull();
  });

  it('skips an inbox whose settings are broken and keeps the others', async () => {
    const broken: InboxRef = { id: 'broken', channel: 'email', config: { address: 'help@shop.example' } };
    const directory = new EmailInboxDirectory(new ListedInboxes([broken, inbox('i1', 'support@shop.example')]));
    expect((await directory.all()).map((i) => i.ref.id)).toEqual(['i1']);
  });

  it('reads again at once for an address it does not know, so a new inbox receives mail immediately', async () => {
    const port = new ListedInboxes([inbox('i1', 'support@shop.example')]);
    const directory = new EmailInboxDirectory(port);
    await directory.all();
    port.inboxes = [...port.inboxes, inbox('i3', 'новый@shop.example')];
    expect((await directory.forRecipient('новый@shop.example'))?.inbox.ref.id).toBe('i3');
    expect(port.reads).toBe(2);
  });
});
