import type { VisitorStorage } from './visitor-storage';

const opened: { auth: (deliver: (auth: Record<string, unknown>) => void) => void }[] = [];
jest.mock('socket.io-client', () => ({
  io: (_url: string, options: { auth: (deliver: (auth: Record<string, unknown>) => void) => void }) => {
    opened.push(options);
    return { on: () => undefined, active: true, connected: false };
  },
}));

import { ChatConnection } from './chat-connection';

const storage = { visitorToken: 'посетитель-1', loadOutbox: () => [], saveOutbox: () => undefined } as unknown as VisitorStorage;
const listener = { messagesChanged() {}, statusChanged() {}, agentMessageReceived() {}, agentTyping() {}, error() {}, survey() {}, availability() {}, agentSeen() {} };

/** What the handshake presents, as socket.io would ask for it on (re)connect. */
function handshakeOf(connection: ChatConnection): Record<string, unknown> {
  connection.connect();
  let auth: Record<string, unknown> = {};
  opened[opened.length - 1].auth((a) => (auth = a));
  return auth;
}

describe('the widget handshake', () => {
  beforeAll(() => {
    Object.assign(globalThis, { window: { addEventListener: () => undefined } });
  });
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('sends the UI language, so the server words its refusals in it', () => {
    expect(handshakeOf(new ChatConnection('https://shop.example', 'сайт-1', storage, listener, 'ru'))).toEqual({
      websiteToken: 'сайт-1', visitorToken: 'посетитель-1', locale: 'ru',
    });
  });

  it('without an explicit locale, sends the language the mounted widget renders in', () => {
    const root = { getAttribute: (name: string) => (name === 'lang' ? 'ru' : null) };
    const host = { shadowRoot: { querySelector: (sel: string) => (sel === '.pw-root' ? root : null) } };
    Object.assign(globalThis, { document: { querySelector: (sel: string) => (sel === 'parley-widget' ? host : null) } });
    expect(handshakeOf(new ChatConnection('https://shop.example', 'сайт-1', storage, listener)).locale).toBe('ru');
  });
});
