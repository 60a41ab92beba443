import { WIDGET_EVENTS } from '@parley/contracts';
import { siteUser, verifyIdentityOnSession, type IdentitySocket } from './identity';

const hash = 'ab'.repeat(32);

class FakeSocket implements IdentitySocket {
  readonly sent: { event: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string, payload: unknown, ack: (r: { ok: boolean }) => void) {
    this.sent.push({ event, payload });
    ack({ ok: true });
  }
  fire(event: string) {
    for (const l of this.listeners.get(event) ?? []) l();
  }
}

describe('siteUser', () => {
  it('reads the user the site signed, trimmed, without empty fields', () => {
    expect(siteUser({ user: { identifier: ' 1042 ', identifierHash: hash, name: 'Мария Иванова', email: ' ', phone: '8 916 123-45-67' } })).toEqual({
      identifier: '1042', identifierHash: hash, name: 'Мария Иванова', phone: '8 916 123-45-67',
    });
  });

  it('ignores a missing or malformed user', () => {
    expect(siteUser(undefined)).toBeNull();
    expect(siteUser({})).toBeNull();
    expect(siteUser({ user: { identifier: '1042' } })).toBeNull();
    expect(siteUser({ user: { identifier: '1042', identifierHash: 'не-хеш' } })).toBeNull();
    expect(siteUser({ user: { identifier: '  ', identifierHash: hash } })).toBeNull();
  });
});

describe('verifyIdentityOnSession', () => {
  it('sends the user once per connection, not again on the session its link answers with', () => {
    const socket = new FakeSocket();
    verifyIdentityOnSession(socket, { identifier: '1042', identifierHash: hash });
    socket.fire('connect');
    socket.fire(WIDGET_EVENTS.session);
    socket.fire(WIDGET_EVENTS.session);
    expect(socket.sent).toEqual([{ event: WIDGET_EVENTS.identityVerify, payload: { identifier: '1042', identifierHash: hash } }]);
    socket.fire('connect');
    socket.fire(WIDGET_EVENTS.session);
    expect(socket.sent).toHaveLength(2);
  });

  it('does nothing for an anonymous visitor', () => {
    const socket = new FakeSocket();
    verifyIdentityOnSession(socket, null);
    socket.fire(WIDGET_EVENTS.session);
    expect(socket.sent).toEqual([]);
  });
});
