import type { AttachmentSink, InboxRef, OutboundMessage } from '@parley/channels-core';
import { ViberAdapter, splitText } from './viber.adapter';

type Call = { url: string; body: Record<string, any>; token: string };

function fakeViber(answers: ((call: Call) => Response | Error)[]) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const call = { url, body: JSON.parse(String(init.body)), token: String((init.headers as Record<string, string>)['x-viber-auth-token']) };
    calls.push(call);
    const answer = (answers.shift() ?? (() => ok({ message_token: 1 })))(call);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, fetch };
}
const ok = (extra: Record<string, unknown> = {}) => new Response(JSON.stringify({ status: 0, status_message: 'ok', ...extra }));
const sink: AttachmentSink = { save: async () => ({ url: '/x', contentType: 'x' }) };
const inbox: InboxRef = { id: 'in-1', channel: 'viber', config: { authToken: 'secret-token', senderName: 'Demo Shop' } };
const outbound = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: 'm-1', conversationId: 'c', customerId: 'cu', recipient: { externalId: 'user-1' }, content: 'Здравствуйте!', attachments: [], authorName: 'Анна',
  createdAt: new Date(), metadata: null, conversationMetadata: null, identityMetadata: null, references: [], quoted: null, ...over,
});
const adapterWith = (fetch: any) => new ViberAdapter(sink, { publicUrl: 'https://parley.example', maxMediaBytes: 1000, fetch });

describe('ViberAdapter', () => {
  it('checks the token with get_account_info, then sets the webhook to this inbox', async () => {
    const viber = fakeViber([() => ok({ id: 'pa:1', name: 'Demo bot', uri: 'demobot' }), () => ok()]);
    const config = await adapterWith(viber.fetch).configure(inbox, { publicUrl: 'https://parley.example' });
    expect(viber.calls.map((c) => c.url)).toEqual(['https://chatapi.viber.com/pa/get_account_info', 'https://chatapi.viber.com/pa/set_webhook']);
    expect(viber.calls[1].body).toMatchObject({ url: 'https://parley.example/webhooks/viber/in-1', event_types: expect.arrayContaining(['delivered', 'seen', 'failed', 'unsubscribed', 'conversation_started']) });
    expect(viber.calls[0].token).toBe('secret-token');
    expect(config).toMatchObject({ botId: 'pa:1', botName: 'Demo bot', botUri: 'demobot' });
    const refused = fakeViber([() => ok({ status: 2, status_message: 'invalidAuthToken' })]);
    await expect(adapterWith(refused.fetch).configure(inbox, { publicUrl: 'x' })).rejects.toThrow('auth token was refused');
  });

  it('sends text with the sender name and a keyboard; the token (64-bit) is kept exactly', async () => {
    const viber = fakeViber([() => new Response('{"status":0,"status_message":"ok","message_token":5098034272017990001}')]);
    const result = await adapterWith(viber.fetch).send(outbound({ metadata: { buttons: [{ text: '1', data: 'survey:s:1' }] } }), inbox);
    expect(result).toEqual({ providerMessageId: '5098034272017990001', status: 'sent', metadata: { viberTokens: ['5098034272017990001'] } });
    expect(viber.calls[0].body).toMatchObject({ receiver: 'user-1', type: 'text', text: 'Здравствуйте!', min_api_version: 1, sender: { name: 'Demo Shop' }, keyboard: { Type: 'keyboard' } });
    expect(viber.calls[0].body.tracking_data).toContain('survey:s:1');
  });

  it('sends a picture with its short text as one message, and files with their size and name', async () => {
    const viber = fakeViber([]);
    const adapter = adapterWith(viber.fetch);
    await adapter.send(outbound({ attachments: [{ url: '/attachments/a?sig=1', contentType: 'image/png', size: 5 }] }), inbox);
    expect(viber.calls[0].body).toMatchObject({ type: 'picture', media: 'https://parley.example/attachments/a?sig=1', text: 'Здравствуйте!' });
    await adapter.send(outbound({ messageId: 'm-2', attachments: [{ url: '/attachments/b', contentType: 'application/pdf', size: 9, fileName: 'счёт.pdf' }] }), inbox);
    expect(viber.calls.slice(1).map((c) => c.body.type)).toEqual(['file', 'text']);
    expect(viber.calls[1].body).toMatchObject({ size: 9, file_name: 'счёт.pdf' });
  });

  it('sends videos Viber plays as videos, big pictures as files, and refuses what Viber would not take', async () => {
    const viber = fakeViber([]);
    const adapter = adapterWith(viber.fetch);
    await adapter.send(outbound({ content: '', attachments: [{ url: '/attachments/v', contentType: 'video/quicktime', size: 4_000_000, fileName: 'обзор.mov' }] }), inbox);
    await adapter.send(outbound({ messageId: 'm-2', content: '', attachments: [{ url: '/attachments/p', contentType: 'image/jpeg', size: 3_000_000, fileName: 'скан.jpg' }] }), inbox);
    expect(viber.calls.map((c) => [c.body.type, c.body.size])).toEqual([['video', 4_000_000], ['file', 3_000_000]]);
    const exe = { url: '/attachments/x', contentType: 'application/octet-stream', size: 10, fileName: 'setup.exe' };
    expect(adapter.checkSendable({ lastInboundAt: null, identity: null, metadata: null, attachments: [exe], now: new Date() })).toContain('setup.exe');
    expect(adapter.checkSendable({ lastInboundAt: null, identity: null, metadata: null, now: new Date() })).toBeNull();
    await expect(adapter.send(outbound({ messageId: 'm-3', attachments: [exe] }), inbox)).rejects.toMatchObject({ permanent: true, code: 'file_refused' });
    expect(viber.calls).toHaveLength(2);
  });

  it('maps refusals: unsubscribed is an opt-out, a rate limit is retried as not sent', async () => {
    const unsubscribed = fakeViber([() => ok({ status: 6, status_message: 'receiverNotSubscribed' })]);
    await expect(adapterWith(unsubscribed.fetch).send(outbound(), inbox)).rejects.toMatchObject({ permanent: true, identityUpdate: { optedOut: true } });
    const limited = fakeViber([() => ok({ status: 12, status_message: 'tooManyRequests' })]);
    await expect(adapterWith(limited.fetch).send(outbound(), inbox)).rejects.toMatchObject({ notSent: true });
    const down = fakeViber([() => new Response('oops', { status: 502 })]);
    await expect(adapterWith(down.fetch).send(outbound(), inbox)).rejects.toMatchObject({ notSent: true });
  });

  it('never sends again after a lost answer: the retry fails as uncertain instead', async () => {
    const viber = fakeViber([() => new Error('socket hang up')]);
    const adapter = adapterWith(viber.fetch);
    const err = await adapter.send(outbound(), inbox).catch((e) => e);
    expect(err.notSent).toBeUndefined();
    await expect(adapter.findSent(outbound())).rejects.toMatchObject({ permanent: true, code: 'uncertain' });
    // Another process (no memory of the attempt) reaches the same verdict.
    await expect(adapterWith(viber.fetch).findSent(outbound())).rejects.toMatchObject({ code: 'uncertain' });
    expect(viber.calls).toHaveLength(1);
  });

  it('continues a multi-part message after the parts that went out when Viber refused the next', async () => {
    const viber = fakeViber([() => ok({ message_token: 1 }), () => ok({ status: 12 }), () => ok({ message_token: 2 })]);
    const adapter = adapterWith(viber.fetch);
    const message = outbound({ attachments: [{ url: '/attachments/b', contentType: 'application/pdf', size: 9 }] });
    const err = await adapter.send(message, inbox).catch((e) => e);
    expect(err.notSent).toBeUndefined();
    expect(await adapter.findSent(message)).toBeNull();
    expect(await adapter.send(message, inbox)).toMatchObject({ providerMessageId: '2', metadata: { viberTokens: ['1', '2'] } });
    expect(viber.calls.map((c) => c.body.type)).toEqual(['file', 'text', 'text']);
  });

  it('answers conversation_started with the welcome message in the customer language', () => {
    const adapter = adapterWith(undefined);
    const ack = (language: string, config = inbox.config) =>
      JSON.parse(adapter.acknowledge({ url: '', headers: {}, body: { event: 'conversation_started', user: { id: 'u', language } } }, { ...inbox, config }).body!);
    expect(ack('ru')).toMatchObject({ type: 'text', sender: { name: 'Demo Shop' }, text: expect.stringContaining('Здравствуйте') });
    expect(ack('en-GB').text).toContain('Hello');
    expect(ack('ru', { ...inbox.config, welcomeMessage: { ru: 'Привет от магазина' } }).text).toBe('Привет от магазина');
    expect(adapter.acknowledge({ url: '', headers: {}, body: { event: 'message' } }, inbox)).toEqual({ status: 200 });
    expect(adapter.handshake({ url: '', headers: {}, body: { event: 'webhook' } })).toEqual({ status: 200 });
    expect(adapter.handshake({ url: '', headers: {}, body: { event: 'message' } })).toBeNull();
  });

  it('splits text over 7,000 characters at a space', () => {
    const parts = splitText(`${'слово '.repeat(1500)}конец`);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => [...p].length <= 7000)).toBe(true);
    expect(parts.join(' ')).toContain('конец');
  });
});
