import { chatOf, readUpdate, toE164 } from './telegram-update';

const from = { id: 4242, is_bot: false, first_name: 'Ivan', last_name: 'Petrov', username: 'ivanp', language_code: 'ru' };
const chat = { id: 4242, type: 'private' };
const message = (fields: Record<string, unknown>, id = 10) => ({ update_id: 900 + id, message: { message_id: id, from, chat, date: 1_764_000_000, ...fields } });

describe('reading Telegram updates', () => {
  it('keys a message by chat and message id and names the sender', () => {
    const read = readUpdate(message({ text: 'Hello' }), 'inbox-1')!;
    expect(read.inbound).toMatchObject({
      inboxId: 'inbox-1',
      channel: 'telegram',
      providerMessageId: '4242:10',
      sender: { externalId: '4242', displayName: 'Ivan Petrov' },
      content: 'Hello',
      metadata: { chatId: 4242, messageId: 10, updateId: 910 },
      identityUpdate: { unreachable: false, metadata: { chatId: 4242, username: 'ivanp', languageCode: 'ru' } },
    });
    expect(read.files).toEqual([]);
  });

  it('takes the largest photo size and the caption', () => {
    const read = readUpdate(message({ caption: 'Broken', photo: [{ file_id: 'small', file_unique_id: 's' }, { file_id: 'big', file_unique_id: 'b', file_size: 2048 }] }), 'i')!;
    expect(read.inbound.content).toBe('Broken');
    expect(read.files).toEqual([{ fileId: 'big', contentType: 'image/jpeg', fileName: 'photo-b.jpg', size: 2048 }]);
  });

  it('reads documents, voice, video notes and stickers as files', () => {
    expect(readUpdate(message({ document: { file_id: 'd', file_name: 'invoice.pdf', mime_type: 'application/pdf' } }), 'i')!.files[0]).toMatchObject({ contentType: 'application/pdf', fileName: 'invoice.pdf' });
    expect(readUpdate(message({ voice: { file_id: 'v', mime_type: 'audio/ogg' } }), 'i')!.files[0]).toMatchObject({ fileId: 'v', contentType: 'audio/ogg' });
    expect(readUpdate(message({ video_note: { file_id: 'vn' } }), 'i')!.files[0]).toMatchObject({ contentType: 'video/mp4' });
    const sticker = readUpdate(message({ sticker: { file_id: 'st', emoji: '👍' } }), 'i')!;
    expect(sticker.inbound.content).toBe('👍');
    expect(sticker.files[0]).toMatchObject({ contentType: 'image/webp', fileName: 'sticker.webp' });
  });

  it('writes a location as coordinates', () => {
    const read = readUpdate(message({ location: { latitude: 55.7558, longitude: 37.6173 } }), 'i')!;
    expect(read.inbound.content).toBe('📍 55.7558, 37.6173');
    expect(read.inbound.metadata?.location).toEqual({ latitude: 55.7558, longitude: 37.6173 });
  });

  it('turns an edit into an edit of the original message, keyed by its own update', () => {
    const read = readUpdate({ update_id: 77, edited_message: { message_id: 10, from, chat, date: 1, edit_date: 2, text: 'Hello again' } }, 'i')!;
    expect(read.inbound).toMatchObject({ providerMessageId: 'edit:77', edits: '4242:10', content: 'Hello again' });
  });

  it('threads a reply to the message it answers', () => {
    expect(readUpdate(message({ text: 'yes', reply_to_message: { message_id: 3 } }), 'i')!.inbound.threadKeys).toEqual(['4242:3']);
  });

  it('links the sender to their own shared phone number only', () => {
    const own = readUpdate(message({ contact: { phone_number: '79161234567', first_name: 'Ivan', user_id: 4242 } }), 'i')!.inbound;
    expect(own).toMatchObject({ verifiedPhone: '+79161234567', content: '📞 +79161234567 (Ivan)', customerFill: { phone: '+79161234567' } });
    const other = readUpdate(message({ contact: { phone_number: '+14155550100', first_name: 'Ann', user_id: 7 } }), 'i')!.inbound;
    expect(other.verifiedPhone).toBeUndefined();
    expect(other.metadata?.contact).toMatchObject({ phone: '+14155550100', userId: 7 });
  });

  it('keeps a /start deep-link payload on the customer', () => {
    const read = readUpdate(message({ text: '/start order-1234' }), 'i')!.inbound;
    expect(read.customerFill?.attributes).toEqual({ telegramStartPayload: 'order-1234' });
    expect(read.identityUpdate?.metadata).toMatchObject({ startPayload: 'order-1234' });
    expect(readUpdate(message({ text: '/start' }), 'i')!.inbound.customerFill?.attributes).toBeUndefined();
  });

  it('records a pressed button with its label, data and the message it belongs to', () => {
    const read = readUpdate({
      update_id: 5,
      callback_query: {
        id: 'cb-1',
        from,
        data: 'csat:5',
        message: { message_id: 20, chat, date: 1, text: 'Rate us', reply_markup: { inline_keyboard: [[{ text: '⭐ 5', callback_data: 'csat:5' }]] } },
      },
    }, 'i')!;
    expect(read.callbackQueryId).toBe('cb-1');
    expect(read.inbound).toMatchObject({ providerMessageId: 'callback:cb-1', content: '⭐ 5', threadKeys: ['4242:20'], metadata: { callbackData: 'csat:5' } });
  });

  it('ignores groups, bots and live-location moves, and refuses what is not an update', () => {
    expect(readUpdate({ update_id: 1, message: { message_id: 1, from, chat: { id: -5, type: 'group' }, date: 1, text: 'hi' } }, 'i')).toBeNull();
    expect(readUpdate({ update_id: 1, message: { message_id: 1, from: { ...from, is_bot: true }, chat, date: 1, text: 'hi' } }, 'i')).toBeNull();
    expect(readUpdate({ update_id: 1, edited_message: { message_id: 1, from, chat, date: 1, location: { latitude: 1, longitude: 2 } } }, 'i')).toBeNull();
    expect(readUpdate({ update_id: 1, my_chat_member: {} }, 'i')).toBeNull();
    expect(() => readUpdate({ message: { text: 'x' } }, 'i')).toThrow('update_id');
    expect(() => readUpdate([], 'i')).toThrow('JSON object');
    expect(() => readUpdate({ update_id: 1, message: { text: 'no chat' } }, 'i')).toThrow('chat.id');
  });

  it('finds the chat of an update and normalizes phone numbers', () => {
    expect(chatOf(message({ text: 'x' }))).toBe('4242');
    expect(toE164('8 (916) 123-45-67')).toBeNull();
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });
});
