import { readMetaWebhook } from './meta-webhook';

const ctx = { inboxId: 'inbox-1', channel: 'messenger' as const, businessId: '1001' };
const page = (...messaging: unknown[]) => ({ object: 'page', entry: [{ id: '1001', time: 1, messaging }] });
const from = (psid: string) => ({ sender: { id: psid }, recipient: { id: '1001' }, timestamp: 1_750_000_000_000 });

describe('reading a Meta webhook', () => {
  it('turns a text, a quick reply, an attachment and a reply into messages keyed by mid', () => {
    const read = readMetaWebhook(page(
      { ...from('PSID-1'), message: { mid: 'm_1', text: 'Где мой заказ?' } },
      { ...from('PSID-1'), message: { mid: 'm_2', text: '5', quick_reply: { payload: 'survey:s1:5' } } },
      { ...from('PSID-1'), message: { mid: 'm_3', attachments: [{ type: 'image', payload: { url: 'https://cdn.example/a.jpg' } }, { type: 'location', payload: { coordinates: { lat: 55.75, long: 37.62 } } }] } },
      { ...from('PSID-1'), message: { mid: 'm_4', text: 'это ответ', reply_to: { mid: 'm_out' } } },
    ), ctx);
    expect(read.statuses).toEqual([]);
    expect(read.messages.map((m) => [m.providerMessageId, m.sender.externalId, m.content])).toEqual([
      ['m_1', 'PSID-1', 'Где мой заказ?'], ['m_2', 'PSID-1', '5'], ['m_3', 'PSID-1', '📍 55.75, 37.62'], ['m_4', 'PSID-1', 'это ответ'],
    ]);
    expect(read.messages[1].metadata).toEqual({ callbackData: 'survey:s1:5' });
    expect(read.messages[2].media).toEqual([{ url: 'https://cdn.example/a.jpg', contentType: 'image/*' }]);
    expect(read.messages[3].threadKeys).toEqual(['m_out']);
    expect(read.messages[0].occurredAt).toEqual(new Date(1_750_000_000_000));
  });

  it('ignores the echoes of our own sends and stores the page\'s other messages as sent elsewhere, to the customer', () => {
    const echo = (mid: string, metadata?: string) => ({ sender: { id: '1001' }, recipient: { id: 'PSID-1' }, timestamp: 1, message: { mid, is_echo: true, app_id: 77, text: 'Добрый день', ...(metadata ? { metadata } : {}) } });
    const read = readMetaWebhook(page(echo('m_ours', 'parley:0190'), echo('m_theirs')), ctx);
    expect(read.messages).toEqual([expect.objectContaining({ providerMessageId: 'm_theirs', sender: { externalId: 'PSID-1' }, content: 'Добрый день', sentElsewhere: { authorName: null } })]);
  });

  it('reads delivery mids and watermarks, and Messenger and Instagram read receipts', () => {
    const read = readMetaWebhook(page(
      { ...from('PSID-1'), delivery: { mids: ['m_a', 'm_b'], watermark: 1_750_000_001_000 } },
      { ...from('PSID-1'), read: { watermark: 1_750_000_002_000 } },
    ), ctx);
    expect(read.statuses).toEqual([
      { providerMessageId: 'm_a', status: 'delivered' },
      { providerMessageId: 'm_b', status: 'delivered' },
      { providerMessageId: 'delivered@PSID-1@1750000001000', status: 'delivered', upTo: { recipient: 'PSID-1', at: new Date(1_750_000_001_000).toISOString() } },
      { providerMessageId: 'read@PSID-1@1750000002000', status: 'read', upTo: { recipient: 'PSID-1', at: new Date(1_750_000_002_000).toISOString() } },
    ]);
    const ig = readMetaWebhook({ object: 'instagram', entry: [{ id: '2002', messaging: [{ sender: { id: 'IG-1' }, recipient: { id: '2002' }, read: { mid: 'm_ig' } }] }] }, { ...ctx, channel: 'instagram', businessId: '2002' });
    expect(ig.statuses).toEqual([{ providerMessageId: 'm_ig', status: 'read' }]);
  });

  it('keeps a reaction as a message in the reacted message\'s conversation, and drops one taken back', () => {
    const read = readMetaWebhook(page(
      { ...from('PSID-1'), reaction: { mid: 'm_out', action: 'react', reaction: 'love', emoji: '❤️' } },
      { ...from('PSID-1'), reaction: { mid: 'm_out', action: 'unreact' } },
    ), ctx);
    expect(read.messages).toEqual([expect.objectContaining({ content: '❤️', threadKeys: ['m_out'], metadata: { reaction: { to: 'm_out', emoji: '❤️', kind: 'love' } } })]);
  });

  it('acknowledges other objects and unknown events, and refuses what is not a Meta payload', () => {
    expect(readMetaWebhook({ object: 'instagram', entry: [] }, ctx)).toEqual({ messages: [], statuses: [] });
    expect(readMetaWebhook(page({ ...from('PSID-1'), optin: { ref: 'x' } }), ctx)).toEqual({ messages: [], statuses: [] });
    expect(() => readMetaWebhook({ object: 'page', entry: 'x' }, ctx)).toThrow('entry must be a list');
    expect(() => readMetaWebhook(page({ message: { mid: 'm' } }), ctx)).toThrow('sender.id and recipient.id');
    expect(() => readMetaWebhook(page({ ...from('PSID-1'), message: { text: 'no mid' } }), ctx)).toThrow('message.mid is required');
    expect(() => readMetaWebhook([], ctx)).toThrow('expected a JSON object');
  });

  it('takes the phone number quick reply as the person\'s own phone, proven by Meta', () => {
    const read = readMetaWebhook(page({ ...from('PSID-1'), message: { mid: 'm_p', text: '+7 916 123-45-67', quick_reply: { payload: '+79161234567' } } }), ctx);
    expect(read.messages[0]).toMatchObject({ verifiedPhone: '+79161234567', customerFill: { phone: '+79161234567' } });
  });
});
