import { DataSource, In } from 'typeorm';
import type { MessageDto, TimelineEventDto } from '@parley/contracts';
import { AttachmentEntity } from '@parley/persistence';
import { MediaFetchProcessor } from '@parley/jobs';
import { api, connect, connected, next } from './harness';
import { eventually, inboundMessage, messagesOf, useTwilioSuite, WHATSAPP_NUMBER } from './twilio-fixture';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% Счёт на оплату заказа А-1001\n', 'utf8');

describe('Twilio media off the acknowledgement path', () => {
  const t = useTwilioSuite();

  it('acknowledges the webhook while the media host is still silent, then attaches both media, fetched in parallel', async () => {
    const agents = connect(t.url, '/agents', { token: t.token });
    await connected(agents);
    const slowHost = t.emulator.holdMedia();
    try {
      const sent = await t.emulator.sendInbound({
        to: WHATSAPP_NUMBER, from: '+79997770001', body: 'Фото посылки и счёт',
        media: [{ contentType: 'image/png', data: PNG }, { contentType: 'application/pdf', data: PDF }],
      });
      // Answered with not one media byte served: nothing waits for the media host any more.
      expect(sent.status).toBe(200);
      const stored = await inboundMessage(t, t.whatsapp, 'Фото посылки и счёт');
      expect(stored.attachments).toEqual([]);
      expect(stored.metadata).toMatchObject({ mediaPending: 2 });

      // Both downloads are waiting on the host at the same time: fetched in parallel, not one after the other.
      await slowHost.held(2);
      const updated = next<MessageDto>(agents, 'message.updated', (m) => m.id === stored.id && m.attachments.length === 2);
      slowHost.release();
      const message = await updated;
      expect(message.attachments).toEqual([
        expect.objectContaining({ contentType: 'image/png', fileName: 'media-1.png', size: PNG.length }),
        expect.objectContaining({ contentType: 'application/pdf', fileName: 'media-2.pdf', size: PDF.length }),
      ]);
      expect(message.metadata?.mediaPending).toBeUndefined();
      for (const [attachment, bytes] of [[message.attachments[0], PNG], [message.attachments[1], PDF]] as const) {
        const download = await fetch(t.url + attachment.url, { headers: { authorization: `Bearer ${t.token}` } });
        expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      }
      // The thread and the customer's timeline show them too.
      expect((await messagesOf(t, stored.conversationId)).find((m) => m.id === stored.id)?.attachments).toEqual(message.attachments);
      const timeline = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${stored.customerId}/timeline`, undefined, t.token);
      expect(timeline.body.items.find((e) => e.content === 'Фото посылки и счёт')?.data?.attachments).toEqual(message.attachments);
    } finally {
      slowHost.release();
      agents.disconnect();
    }
  });

  it('stores the media of a message Twilio delivers again once', async () => {
    const sent = await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79997770002', body: 'Ещё раз фото', media: [{ contentType: 'image/png', data: PNG }] });
    const stored = await inboundMessage(t, t.whatsapp, 'Ещё раз фото');
    const withPhoto = await eventually(async () => (await messagesOf(t, stored.conversationId)).find((m) => m.id === stored.id && m.attachments.length === 1), 'the photo');

    expect((await t.emulator.redeliver(sent.sid)).status).toBe(200);
    // The redelivery's media job, whenever it runs, fetches and stores the same ids: run one here too.
    const media = [{ url: t.emulator.list({ direction: 'inbound', from: 'whatsapp:+79997770002' })[0].mediaUrls[0], contentType: 'image/png' }];
    await t.app.app.get(MediaFetchProcessor).fetch({ inboxId: t.whatsapp.id, providerMessageId: sent.sid, media }, 1);
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79997770002', body: 'маркер после повтора' });
    await inboundMessage(t, t.whatsapp, 'маркер после повтора');

    const thread = (await messagesOf(t, stored.conversationId)).filter((m) => m.content === 'Ещё раз фото');
    expect(thread).toHaveLength(1);
    expect(thread[0].attachments).toEqual(withPhoto.attachments);
    const rows = await t.app.app.get(DataSource).getRepository(AttachmentEntity).countBy({ id: In(withPhoto.attachments.map((a) => a.id)) });
    expect(rows).toBe(1);
  });
});
