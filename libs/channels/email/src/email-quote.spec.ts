import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInboundEmail } from './inbound-email';
import { cutQuotedHtml, splitQuotedText } from './email-quote';

const read = (name: string) => readInboundEmail(readFileSync(join(__dirname, 'fixtures', name)));

describe('collapsing quoted history and signatures', () => {
  it.each([
    ['gmail-ru-reply.eml', 'Добрый день!\n\nСпасибо, посылка пришла, но чайник поцарапан. Можно обменять?'],
    ['outlook-en-reply-attachment.eml', 'Hello,\n\nPlease find the invoice attached. Can you issue a refund to the original card?\n\nBest regards,\nDaniel Novak\nPurchasing | Novak Interiors Ltd.'],
    ['apple-mail-en-inline-image.eml', 'Here is a photo of the crack on the lid.'],
    ['the-bat-ru-cp1251.eml', 'Здравствуйте, Shop.\n\nПришлите, пожалуйста, счёт-фактуру для бухгалтерии по заказу №10511.\nРеквизиты ООО «Ромашка» во вложении не нужны, они у вас есть.'],
    ['thunderbird-ru-koi8r.eml', 'Добрый вечер!\n\nЯ так и не получил ответа по возврату. Приложил фото чека.'],
  ])('keeps only what was written this time in %s', async (name, visible) => {
    const split = splitQuotedText((await read(name)).text);
    expect(split).toEqual({ visible, collapsed: true });
  });

  it('leaves a message without quotes alone', async () => {
    const { text } = await read('gmail-en-new.eml');
    expect(splitQuotedText(text)).toEqual({ visible: text.trim(), collapsed: false });
  });

  it('keeps interleaved answers: only a trailing quote block is history', () => {
    const text = '> Which colour?\nBlue, please.\n> Which size?\nLarge.\n\n> old\n> history';
    expect(splitQuotedText(text).visible).toBe('> Which colour?\nBlue, please.\n> Which size?\nLarge.');
  });

  it('shows a bare forward in full rather than nothing', () => {
    const text = '---------- Forwarded message ---------\nFrom: A <a@example.com>\nDate: Mon\n\nHello';
    expect(splitQuotedText(text)).toEqual({ visible: text, collapsed: false });
  });

  it('cuts Gmail, Outlook and Apple Mail HTML at the quoted history', async () => {
    expect(cutQuotedHtml((await read('gmail-ru-reply.eml')).html!)).not.toContain('трек-номер');
    const outlook = cutQuotedHtml((await read('outlook-en-reply-attachment.eml')).html!)!;
    expect(outlook).toContain('Please find the invoice attached');
    expect(outlook).not.toContain('could you send us the invoice');
    expect(cutQuotedHtml((await read('apple-mail-en-inline-image.eml')).html!)).not.toContain('Could you send a photo');
    expect(cutQuotedHtml('<p>No quote here</p>')).toBeNull();
  });
});
