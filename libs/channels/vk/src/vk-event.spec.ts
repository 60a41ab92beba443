import { readVkEvent } from './vk-event';
import { randomIdFor } from './vk-random-id';

const INBOX = 'inbox-1';
const message = (over: Record<string, unknown> = {}) => ({ id: 51, date: 1_700_000_000, peer_id: 777, from_id: 777, text: 'Привет', out: 0, attachments: [], conversation_message_id: 9, ...over });

describe('readVkEvent', () => {
  it('reads message_new: the sender, the text, a provider id per dialog and message, photos and documents as media', () => {
    const read = readVkEvent({
      type: 'message_new', event_id: 'e1', group_id: 5, object: {
        message: message({
          attachments: [
            { type: 'photo', photo: { id: 3, sizes: [{ type: 's', url: 'https://vk.test/s.jpg', width: 75, height: 75 }, { type: 'w', url: 'https://vk.test/w.jpg', width: 1280, height: 960 }] } },
            { type: 'doc', doc: { id: 4, title: 'счёт.pdf', ext: 'pdf', url: 'https://vk.test/doc' } },
          ],
          reply_message: { id: 40 },
        }),
        client_info: { lang_id: 0 },
      },
    }, INBOX)!;
    expect(read.inbound).toMatchObject({
      channel: 'vk', providerMessageId: '777:51', sender: { externalId: '777' }, content: 'Привет', threadKeys: ['777:40'],
      media: [{ url: 'https://vk.test/w.jpg', contentType: 'image/jpeg' }, { url: 'https://vk.test/doc', contentType: null, fileName: 'счёт.pdf' }],
      identityUpdate: { unreachable: false, metadata: { peerId: 777, langId: 0 } },
    });
    expect(read.lookupUserId).toBe(777);
  });

  it('ignores group chats, event types it does not read, and the echo of our own sends', () => {
    expect(readVkEvent({ type: 'message_new', object: { message: message({ peer_id: 2_000_000_001 }) } }, INBOX)).toBeNull();
    expect(readVkEvent({ type: 'wall_post_new', object: {} }, INBOX)).toBeNull();
    expect(readVkEvent({ type: 'message_reply', object: message({ from_id: -5, out: 1, random_id: randomIdFor('m-1') }) }, INBOX)).toBeNull();
  });

  it('stores what an admin wrote from VK as the business’s message', () => {
    const read = readVkEvent({ type: 'message_reply', object: message({ from_id: -5, out: 1, admin_author_id: 99, random_id: 123, text: 'Ответ из ВК' }) }, INBOX)!;
    expect(read.inbound).toMatchObject({ providerMessageId: '777:51', sender: { externalId: '777' }, content: 'Ответ из ВК', sentElsewhere: { authorName: null } });
    expect(read.lookupUserId).toBe(99);
  });

  it('reads an edit as a new version of the stored message', () => {
    const read = readVkEvent({ type: 'message_edit', event_id: 'e9', object: message({ text: 'Исправлено', update_time: 1_700_000_100 }) }, INBOX)!;
    expect(read.inbound).toMatchObject({ providerMessageId: 'edit:777:51:1700000100', edits: '777:51', content: 'Исправлено' });
    expect(read.inbound.sentElsewhere).toBeUndefined();
    const admin = readVkEvent({ type: 'message_edit', event_id: 'e10', object: message({ from_id: -5, out: 1, text: 'Исправил ответ', update_time: 1_700_000_200 }) }, INBOX)!;
    expect(admin.inbound).toMatchObject({ edits: '777:51', sentElsewhere: { authorName: null } });
  });

  it('reads a callback button press with its data and label, to be answered', () => {
    const read = readVkEvent({ type: 'message_event', event_id: 'x', object: { user_id: 777, peer_id: 777, event_id: 'cb1', payload: { d: 'survey:s:5', t: '5' } } }, INBOX)!;
    expect(read.inbound).toMatchObject({ providerMessageId: 'event:cb1', content: '5', metadata: { callbackData: 'survey:s:5' } });
    expect(read.eventAnswer).toEqual({ eventId: 'cb1', userId: 777, peerId: 777 });
  });

  it('turns message_deny and message_allow into identity-only updates of the opt-out, no message', () => {
    const deny = readVkEvent({ type: 'message_deny', event_id: 'd1', object: { user_id: 777 } }, INBOX)!;
    expect(deny.inbound).toMatchObject({ providerMessageId: 'deny:d1', sender: { externalId: '777' }, identityOnly: true, content: '', identityUpdate: { optedOut: true } });
    expect(deny.inbound.metadata).toBeUndefined();
    // A deny never introduces a stranger: no users.get, no name to create a customer with.
    expect(deny.lookupUserId).toBeNull();
    const allow = readVkEvent({ type: 'message_allow', event_id: 'a1', object: { user_id: 777, key: 'весна' } }, INBOX)!;
    expect(allow.inbound).toMatchObject({ providerMessageId: 'allow:a1', identityOnly: true, identityUpdate: { optedOut: false, metadata: { allowKey: 'весна' } } });
    expect(allow.lookupUserId).toBe(777);
  });

  it('refuses what is not an event', () => {
    expect(() => readVkEvent([], INBOX)).toThrow('JSON object');
    expect(() => readVkEvent({ object: {} }, INBOX)).toThrow('type is required');
    expect(() => readVkEvent({ type: 'message_new', object: { message: { text: 'x' } } }, INBOX)).toThrow('id, peer_id and from_id');
  });
});
