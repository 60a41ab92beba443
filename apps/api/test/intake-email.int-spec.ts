import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageEntity } from '@parley/persistence';
import { SUPPORT, useEmailApp } from './email-harness';

/**
 * Mail that holds a NUL byte is stored with the NUL removed (250), not answered 451 for days; mail
 * that can never be stored gets a permanent 5xx, so the sending server bounces it at once.
 */
describe('intake: inbound mail is validated before it is acknowledged', () => {
  const t = useEmailApp();
  const unique = () => randomBytes(4).toString('hex');

  it('accepts and stores a mail with NUL bytes in its subject, sender name and body, without them', async () => {
    const id = unique();
    const raw = Buffer.from(
      `From: =?UTF-8?B?${Buffer.from('Мария\u0000 Иванова').toString('base64')}?= <maria.${id}@example.ru>\r\nTo: ${SUPPORT}\r\n` +
      `Subject: =?UTF-8?B?${Buffer.from('Возврат\u0000 заказа').toString('base64')}?=\r\nMessage-ID: <nul-${id}@example.ru>\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      'Здравствуйте!\u0000 Хочу вернуть чайник.\r\n',
      'utf8',
    );
    const shown = t.nextMessage((m) => m.channel === 'email' && m.content.includes('вернуть чайник'));
    const answer = await t.relay(raw, { from: `maria.${id}@example.ru`, to: [SUPPORT] });
    expect(answer.response).toMatch(/^250 /);
    const message = await shown;
    expect(message.content).toBe('Здравствуйте! Хочу вернуть чайник.');
    expect(message.metadata).toMatchObject({ subject: 'Возврат заказа' });
    const row = await t.app.app.get(DataSource).getRepository(MessageEntity).findOneByOrFail({ id: message.id });
    expect(row.content).not.toContain('\u0000');
    expect(row.authorName).toBe('Мария Иванова');
  });

  it('accepts a mail whose Message-ID and In-Reply-To hold NUL bytes, and stores it once', async () => {
    const id = unique();
    const raw = `From: oleg.${id}@example.ru\r\nTo: ${SUPPORT}\r\nSubject: Ещё вопрос\r\nMessage-ID: <nul\u0000-${id}@example.ru>\r\n` +
      `In-Reply-To: <earlier\u0000-${id}@example.ru>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nА когда привезут?\r\n`;
    const shown = t.nextMessage((m) => m.content === 'А когда привезут?');
    expect((await t.relay(raw, { from: `oleg.${id}@example.ru`, to: [SUPPORT] })).response).toMatch(/^250 /);
    const message = await shown;
    const row = await t.app.app.get(DataSource).getRepository(MessageEntity).findOneByOrFail({ id: message.id });
    expect(row.providerMessageId).toBe(`nul-${id}@example.ru`);
    // The sender's retry of the same mail is recognised as the same message.
    expect((await t.relay(raw, { from: `oleg.${id}@example.ru`, to: [SUPPORT] })).response).toMatch(/^250 /);
    expect((await t.messages(message.conversationId)).filter((m) => m.content === 'А когда привезут?')).toHaveLength(1);
  });

  it('answers a permanent 554 with the reason to mail whose sender address is longer than any column', async () => {
    const id = unique();
    const from = `${'о'.repeat(10)}${'x'.repeat(400)}-${id}@example.ru`;
    const raw = `From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: Too long\r\nMessage-ID: <long-${id}@example.ru>\r\n\r\nАдрес отправителя не влезает\r\n`;
    const refused = t.relay(raw, { from: `short-${id}@example.ru`, to: [SUPPORT] });
    await expect(refused).rejects.toMatchObject({ responseCode: 554, response: expect.stringContaining('the sender id is longer than 320 characters') });
    const db = t.app.app.get(DataSource);
    expect(await db.getRepository(MessageEntity).existsBy({ providerMessageId: `long-${id}@example.ru` })).toBe(false);
  });
});
