import type { InboundMessage } from './channel-adapter.port';
import { checkInboundMessage, InboundMessageRefused, isInboundRefusal, storableInbound, storableJson, storableText } from './inbound-message.rules';

const sms = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  inboxId: '0190e4c2-0000-7000-8000-000000000001',
  channel: 'sms',
  providerMessageId: 'SM' + 'a'.repeat(32),
  sender: { externalId: '+79161234567', displayName: 'Мария', phone: '+79161234567' },
  content: 'Где мой заказ?',
  ...over,
});

const accepted = (inbound: InboundMessage) => {
  const verdict = checkInboundMessage(inbound);
  if (verdict.refused !== undefined) throw new Error(`refused: ${verdict.refused}`);
  return verdict.accepted;
};

describe('inbound message rules', () => {
  it('takes an everyday message as it is', () => {
    const message = sms({ metadata: { segments: 1 }, attachments: [{ url: '/api/attachments/1', contentType: 'image/jpeg', fileName: 'фото.jpg' }] });
    expect(accepted(message)).toEqual(message);
  });

  it('removes NUL bytes and lone surrogates from content, names, metadata and attachment names', () => {
    const out = accepted(sms({
      content: 'При\u0000вет \uD83D\uDE42 и \uD800 конец\uDC00',
      sender: { externalId: '+7916\u00001234567', displayName: '\u0000Мария\uDFFF ' },
      metadata: { 'ключ\u0000': ['а\u0000б', { глубже: 'в\uD801г' }], count: 2, flag: true, none: null },
      attachments: [{ url: '/a/1', contentType: 'text/plain', fileName: 'счёт\u0000.txt' }],
      customerFill: { name: 'Мария\u0000 Иванова', attributes: { город: 'Моск\u0000ва' } },
      conversationMetadata: { subject: 'Тема\u0000' },
      identityUpdate: { metadata: { chat: 'ч\u0000ат' } },
    }));
    expect(out.content).toBe('Привет 🙂 и  конец');
    expect(out.sender).toEqual({ externalId: '+79161234567', displayName: 'Мария' });
    expect(out.metadata).toEqual({ ключ: ['аб', { глубже: 'вг' }], count: 2, flag: true, none: null });
    expect(out.attachments![0].fileName).toBe('счёт.txt');
    expect(out.customerFill).toEqual({ name: 'Мария Иванова', attributes: { город: 'Москва' } });
    expect(out.conversationMetadata).toEqual({ subject: 'Тема' });
    expect(out.identityUpdate).toEqual({ metadata: { chat: 'чат' } });
  });

  it('refuses what cannot be stored: over-long or missing keys, with the reason', () => {
    expect(checkInboundMessage(sms({ providerMessageId: 'S'.repeat(5000) }))).toEqual({ refused: 'the provider message id is longer than 255 characters' });
    expect(checkInboundMessage(sms({ sender: { externalId: '7'.repeat(5000) } }))).toEqual({ refused: 'the sender id is longer than 320 characters' });
    expect(checkInboundMessage(sms({ providerMessageId: '\u0000' })).refused).toBe('the provider message id is missing');
    expect(checkInboundMessage(sms({ sender: { externalId: '' } })).refused).toBe('the sender is missing');
    expect(checkInboundMessage(sms({ clientMessageId: 'к'.repeat(65) })).refused).toBe('the client message id is longer than 64 characters');
    expect(checkInboundMessage(sms({ edits: 'e'.repeat(256) })).refused).toBe('the edited message id is longer than 255 characters');
    expect(checkInboundMessage(sms({ content: undefined as unknown as string })).refused).toBe('the content is not text');
  });

  it('counts characters as the database does: 255 emoji are 510 UTF-16 units but fit', () => {
    expect(accepted(sms({ providerMessageId: '🙂'.repeat(255) })).providerMessageId).toHaveLength(510);
    expect(checkInboundMessage(sms({ providerMessageId: '🙂'.repeat(256) })).refused).toBeDefined();
  });

  it('cuts names to their column and leaves out details too long to be real', () => {
    const out = accepted(sms({
      sender: { externalId: 'user@example.com', displayName: 'Я'.repeat(500), email: `${'a'.repeat(400)}@example.com`, phone: '+7'.repeat(40) },
      customerFill: { name: '   ', email: 'maria@example.com', phone: '9'.repeat(33) },
      verifiedPhone: '+7'.repeat(20),
    }));
    expect(out.sender.displayName).toBe('Я'.repeat(200));
    expect(out.sender.email).toBeNull();
    expect(out.sender.phone).toBeNull();
    expect(out.customerFill).toEqual({ name: null, email: 'maria@example.com', phone: null });
    expect(out.verifiedPhone).toBeUndefined();
  });

  it('keeps only thread keys that can match a stored message, and only a uuid as a conversation or customer id', () => {
    const out = accepted(sms({
      threadKeys: ['<a@example.com>', 'x'.repeat(300), '\u0000', 'b\u0000@example.com'],
      conversationRef: '../../etc/passwd',
      sender: { externalId: 'visitor-1', customerId: 'not-a-uuid' },
    }));
    expect(out.threadKeys).toEqual(['<a@example.com>', 'b@example.com']);
    expect(out.conversationRef).toBeUndefined();
    expect(out.sender.customerId).toBeUndefined();
    const id = '5b1f7d3e-8a5c-5e2b-9c1d-2f3a4b5c6d7e';
    expect(accepted(sms({ sender: { externalId: 'visitor-1', customerId: id } })).sender.customerId).toBe(id);
  });

  it('throws a permanent refusal for the pipeline', () => {
    let thrown: unknown;
    try {
      storableInbound(sms({ providerMessageId: 'S'.repeat(256) }));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InboundMessageRefused);
    expect(isInboundRefusal(thrown)).toBe(true);
    expect((thrown as InboundMessageRefused).permanent).toBe(true);
    expect((thrown as InboundMessageRefused).reason).toBe('the provider message id is longer than 255 characters');
    expect(isInboundRefusal(new Error('database down'))).toBe(false);
  });

  it('returns clean text untouched and leaves non-plain values alone', () => {
    const text = 'Привет, мир';
    expect(storableText(text)).toBe(text);
    const when = new Date('2026-12-03T08:00:00Z');
    expect(storableJson({ when, n: 1 })).toEqual({ when, n: 1 });
  });
});
