import { buttonsOf, sendBodies, splitText } from './meta-send';

describe('Send API requests of one reply', () => {
  const base = { recipient: 'PSID-1', attachments: [], buttons: undefined, policy: { messagingType: 'RESPONSE', tag: null } as const, metadata: 'parley:m-1' };

  it('sends files first, then the text with the quick replies on its last part, each with our metadata', () => {
    const bodies = sendBodies({
      ...base, channel: 'messenger', content: 'Оцените нас', attachments: [{ url: 'https://p.example/a/1', contentType: 'image/png' }],
      buttons: [{ text: '1', data: 'survey:s:1' }, { text: '5', data: 'survey:s:5' }, { text: 'Сайт', url: 'https://shop.example' }],
    });
    expect(bodies).toEqual([
      { recipient: { id: 'PSID-1' }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { url: 'https://p.example/a/1', is_reusable: false } }, metadata: 'parley:m-1' } },
      {
        recipient: { id: 'PSID-1' }, messaging_type: 'RESPONSE',
        message: {
          text: 'Оцените нас\n\n• Сайт: https://shop.example',
          quick_replies: [{ content_type: 'text', title: '1', payload: 'survey:s:1' }, { content_type: 'text', title: '5', payload: 'survey:s:5' }],
          metadata: 'parley:m-1',
        },
      },
    ]);
  });

  it('tags a human agent\'s reply outside the window', () => {
    const [body] = sendBodies({ ...base, channel: 'messenger', content: 'Ответ', policy: { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } });
    expect(body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('splits long text within Messenger\'s characters and Instagram\'s bytes, never inside a letter', () => {
    const russian = 'Привет мир '.repeat(200).trim();
    const messenger = splitText(russian, { chars: 2000, bytes: Infinity });
    const instagram = splitText(russian, { chars: 1000, bytes: 1000 });
    expect(messenger.every((p) => p.length <= 2000)).toBe(true);
    expect(instagram.every((p) => Buffer.byteLength(p) <= 1000)).toBe(true);
    expect(instagram.join(' ')).toBe(russian);
    expect(messenger.join(' ')).toBe(russian);
  });

  it('keeps at most 13 quick replies of at most 20 characters', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ text: `Вариант номер ${i} довольно длинный` }));
    const { quickReplies } = buttonsOf(many);
    expect(quickReplies).toHaveLength(13);
    expect(quickReplies.every((q) => 'title' in q && [...q.title].length <= 20)).toBe(true);
  });
});
