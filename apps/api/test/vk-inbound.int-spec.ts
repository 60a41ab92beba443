import type { CustomerDto, InboxDto } from '@parley/contracts';
import { api, useRunningApp } from './harness';
import { conversationsOf, messagesOf, waitFor, waitForMessage } from './telegram-fixtures';
import { createVkInbox, postVkEvent, useVkEmulator, vkCustomer } from './vk-fixtures';

describe('VK inbound, through the Callback API of the VK emulator', () => {
  const t = useRunningApp();
  const vk = useVkEmulator(t);

  it('registers a Callback API server with a secret, answers the confirmation with the code, and stores a message with the user’s name and profile link', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const list = await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token);
    const stored = { body: list.body.find((i) => i.id === inbox.id)! };
    expect(stored.body.config).toMatchObject({ groupId: community.id, mode: 'callback', confirmationCode: community.confirmationCode });
    // Secrets come back masked.
    expect(String(stored.body.config.accessToken)).toMatch(/^••••/);
    expect(String(stored.body.config.secretKey)).toMatch(/^••••/);
    expect(community.servers).toEqual([expect.objectContaining({ url: `${t.url}/webhooks/vk/${inbox.id}`, confirmed: false })]);

    const user = vkCustomer(community, 'Ольга', 'Петрова');
    const sent = community.userSends(user, { text: 'Где мой заказ №1042?' }, '');
    expect(await sent.delivered).toBe(200);
    expect(community.servers[0].confirmed).toBe(true);
    expect(community.deliveries.map((d) => [d.type, d.body])).toEqual([['confirmation', community.confirmationCode], ['message_new', 'ok']]);

    const message = await waitForMessage(t, inbox.id, (m) => m.content === 'Где мой заказ №1042?', 'the VK message');
    expect(message).toMatchObject({ direction: 'inbound', metadata: expect.objectContaining({ peerId: user.id, messageId: sent.event.object.message.id }) });
    const customer = await api<CustomerDto>(t.url, 'GET', `/api/customers/${message.customerId}`, undefined, t.token);
    expect(customer.body.name).toBe('Ольга Петрова');
    expect(customer.body.attributes).toMatchObject({ vkProfile: `https://vk.com/id${user.id}` });
    expect(customer.body.identities).toEqual([expect.objectContaining({ channel: 'vk', externalId: String(user.id), metadata: expect.objectContaining({ profileUrl: `https://vk.com/id${user.id}` }) })]);
  });

  it('refuses an event with a wrong or missing secret (403) and stores nothing; acknowledges unknown event types with "ok"', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const user = vkCustomer(community);
    const event = { type: 'message_new', group_id: community.id, event_id: 'forged-1', v: '5.199', object: { message: { id: 9, peer_id: user.id, from_id: user.id, date: 1, text: 'подделка' } } };
    expect((await postVkEvent(t, inbox.id, { ...event, secret: 'wrong' })).status).toBe(403);
    expect((await postVkEvent(t, inbox.id, event)).status).toBe(403);
    expect((await postVkEvent(t, inbox.id, 'not json')).status).toBe(400);
    const secret = community.servers[0].secretKey;
    expect((await postVkEvent(t, inbox.id, { ...event, secret, group_id: community.id + 1 })).status).toBe(403);
    // The confirmation code is given only to a request that knows the secret (`confirm` runs after `verify`).
    const forgedConfirmation = await postVkEvent(t, inbox.id, { type: 'confirmation', group_id: community.id, secret: 'wrong' });
    expect(forgedConfirmation.status).toBe(403);
    expect(await forgedConfirmation.text()).not.toContain(community.confirmationCode);
    const unknown = await postVkEvent(t, inbox.id, { type: 'wall_post_new', group_id: community.id, event_id: 'w1', object: {}, secret });
    expect([unknown.status, await unknown.text()]).toEqual([200, 'ok']);
    const malformed = await postVkEvent(t, inbox.id, { type: 'message_new', group_id: community.id, event_id: 'm1', object: { message: { text: 'x' } }, secret });
    expect(malformed.status).toBe(400);
    expect(await messagesOf(t, inbox.id)).toEqual([]);
  });

  it('stores a re-delivered event once (VK retries until it reads "ok")', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const user = vkCustomer(community);
    const sent = community.userSends(user, { text: 'Дважды' }, '');
    await sent.delivered;
    const again = await postVkEvent(t, inbox.id, { ...sent.event, secret: community.servers[0].secretKey });
    expect([again.status, await again.text()]).toEqual([200, 'ok']);
    await waitForMessage(t, inbox.id, (m) => m.content === 'Дважды', 'the message');
    await new Promise((r) => setTimeout(r, 300));
    expect((await messagesOf(t, inbox.id)).filter((m) => m.content === 'Дважды')).toHaveLength(1);
  });

  it('fetches photos and documents after the acknowledgement', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const user = vkCustomer(community);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await community.userSends(user, { text: 'Фото и счёт', files: [{ data: png, contentType: 'image/png', fileName: 'p.png' }, { data: Buffer.from('%PDF-1.4 счёт'), contentType: 'application/pdf', fileName: 'счёт.pdf' }] }, vk.emu.url).delivered;
    const message = await waitForMessage(t, inbox.id, (m) => m.content === 'Фото и счёт' && m.attachments.length === 2, 'the attachments');
    expect(message.attachments.map((a) => a.fileName)).toEqual([expect.stringMatching(/^photo-\d+\.jpg$/), 'счёт.pdf']);
    const file = await fetch(new URL(message.attachments[1].url, t.url), { headers: { authorization: `Bearer ${t.token}` } });
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 счёт');
  });

  it('applies edits, and turns message_deny / message_allow into the opt-out that stops replies, with no message', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const user = vkCustomer(community);
    const first = community.userSends(user, { text: 'Очепятка' }, '');
    await first.delivered;
    await community.userEdits(user, first.event.object.message.id, 'Опечатка').delivered;
    const edited = await waitForMessage(t, inbox.id, (m) => m.content === 'Опечатка', 'the edit');
    expect(edited.metadata?.edits).toEqual([expect.objectContaining({ content: 'Очепятка' })]);

    await community.setAllowed(user, false).delivered;
    const customer = await waitFor(async () => {
      const c = await api<CustomerDto>(t.url, 'GET', `/api/customers/${edited.customerId}`, undefined, t.token);
      return c.body.identities.find((i) => i.channel === 'vk' && i.optedOut) ? c.body : null;
    }, 'the opt-out');
    expect(customer.identities[0].optedOut).toBe(true);
    const refused = await api(t.url, 'POST', `/api/conversations/${edited.conversationId}/messages`, { content: 'Ответ' }, t.token);
    expect(refused.status).toBe(422);

    await community.setAllowed(user, true).delivered;
    const back = await waitFor(async () => {
      const c = await api<CustomerDto>(t.url, 'GET', `/api/customers/${edited.customerId}`, undefined, t.token);
      return c.body.identities.find((i) => i.channel === 'vk' && !i.optedOut);
    }, 'the opt-in');
    expect(back.metadata).toMatchObject({ allowKey: 'emulator', optedInAt: expect.any(String) });
    // Identity-only updates: the dialog holds the customer's message alone, no 🔔/🔕 marker.
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(['Опечатка']);
    expect(await conversationsOf(t, inbox.id)).toHaveLength(1);
  });

  it('introduces a stranger who allows messages as a customer without a conversation; a stranger’s deny stores nothing', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const customersOf = async (id: number) =>
      (await api<{ items: CustomerDto[] }>(t.url, 'GET', `/api/customers?query=${id}`, undefined, t.token)).body.items
        .filter((c) => c.identities.some((i) => i.channel === 'vk' && i.externalId === String(id)));
    const fan = vkCustomer(community, 'Кира', 'Соколова');
    await community.setAllowed(fan, true).delivered;
    const [introduced] = await waitFor(async () => { const found = await customersOf(fan.id); return found.length ? found : null; }, 'the customer who allowed messages');
    expect(introduced).toMatchObject({ name: 'Кира Соколова', attributes: { vkProfile: `https://vk.com/id${fan.id}` } });
    expect(introduced.identities[0]).toMatchObject({ optedOut: false, metadata: expect.objectContaining({ allowKey: 'emulator' }) });

    const stranger = vkCustomer(community, 'Незнакомец', 'Тихий');
    await community.setAllowed(stranger, false).delivered;
    await new Promise((r) => setTimeout(r, 300));
    expect(await customersOf(stranger.id)).toEqual([]);
    expect(await messagesOf(t, inbox.id)).toEqual([]);
    expect(await conversationsOf(t, inbox.id)).toEqual([]);
  });

  it('shows what an admin answered from VK as an outbound message with the admin’s name, and ignores the echo of its own sends', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu);
    const user = vkCustomer(community);
    community.user(1, { first_name: 'Анна', last_name: 'Админ' });
    await community.userSends(user, { text: 'Здравствуйте' }, '').delivered;
    const hello = await waitForMessage(t, inbox.id, (m) => m.content === 'Здравствуйте', 'the message');
    await community.adminReplies(user.id, 'Ответ из ВКонтакте').delivered;
    const fromVk = await waitForMessage(t, inbox.id, (m) => m.content === 'Ответ из ВКонтакте', 'the admin’s answer');
    expect(fromVk).toMatchObject({ direction: 'outbound', authorName: 'Анна Админ', conversationId: hello.conversationId });
    expect(community.sentTo(user.id)).toEqual([]);

    const reply = await api(t.url, 'POST', `/api/conversations/${hello.conversationId}/messages`, { content: 'Ответ оператора' }, t.token);
    await waitForMessage(t, inbox.id, (m) => m.id === reply.body.id && m.deliveryStatus === 'sent', 'the delivery');
    await waitFor(async () => community.deliveries.some((d) => d.type === 'message_reply' && d.body === 'ok' && d.attempt >= 1 && community.sentTo(user.id).length === 1), 'the echo');
    await new Promise((r) => setTimeout(r, 300));
    expect((await messagesOf(t, inbox.id)).filter((m) => m.content === 'Ответ оператора')).toHaveLength(1);
  });
});
