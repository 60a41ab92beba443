import type { WidgetMessage, WidgetSession } from '@parley/contracts';
import { MessageStore, parseOutbox } from './message-store';

function agentMessage(id: string, content: string, createdAt: string): WidgetMessage {
  return { id, clientMessageId: null, direction: 'outbound', content, authorName: 'Anna', createdAt };
}

function visitorMessage(id: string, clientMessageId: string, content: string, createdAt: string): WidgetMessage {
  return { id, clientMessageId, direction: 'inbound', content, authorName: null, createdAt };
}

function session(messages: WidgetMessage[], visitorToken = 'visitor-1'): WidgetSession {
  return { visitorToken, customerId: 'customer-1', conversationId: 'conversation-1', messages };
}

const contents = (store: MessageStore) => store.messages().map((message) => message.content);

describe('MessageStore', () => {
  it('shows a sent message at once as "sending" and as "sent" once acked, in the same slot', () => {
    const store = new MessageStore();
    store.enqueue('Where is my order?', 'cmid-1', '2025-01-01T10:00:00.000Z');

    const [optimistic] = store.messages();
    expect(optimistic).toMatchObject({ content: 'Where is my order?', direction: 'inbound', status: 'sending' });

    store.acknowledge('cmid-1', {
      ok: true,
      message: visitorMessage('m-1', 'cmid-1', 'Where is my order?', '2025-01-01T10:00:01.000Z'),
    });

    const [confirmed] = store.messages();
    expect(store.messages()).toHaveLength(1);
    expect(confirmed).toMatchObject({ id: 'm-1', status: 'sent', key: optimistic.key });
    expect(store.outbox()).toEqual([]);
  });

  it('does not duplicate the visitor message when message:new echoes it before the ack', () => {
    const store = new MessageStore();
    store.enqueue('Hello', 'cmid-1', '2025-01-01T10:00:00.000Z');
    const echo = visitorMessage('m-1', 'cmid-1', 'Hello', '2025-01-01T10:00:01.000Z');

    store.receive(echo);
    store.acknowledge('cmid-1', { ok: true, message: echo });
    store.receive(echo);

    expect(contents(store)).toEqual(['Hello']);
    expect(store.messages()[0].status).toBe('sent');
  });

  it('keeps one copy of each message when a reconnect re-sends the session history', () => {
    const store = new MessageStore();
    const history = [
      visitorMessage('m-1', 'cmid-1', 'Hi', '2025-01-01T10:00:00.000Z'),
      agentMessage('m-2', 'Hello! How can I help?', '2025-01-01T10:00:05.000Z'),
    ];
    store.applySession(session(history));
    store.receive(agentMessage('m-3', 'Are you still there?', '2025-01-01T10:01:00.000Z'));

    store.applySession(session([...history, agentMessage('m-3', 'Are you still there?', '2025-01-01T10:01:00.000Z')]));

    expect(contents(store)).toEqual(['Hi', 'Hello! How can I help?', 'Are you still there?']);
  });

  it('keeps messages that arrived live even when the re-sent session history is shorter', () => {
    const store = new MessageStore();
    store.applySession(session([agentMessage('m-1', 'Welcome', '2025-01-01T10:00:00.000Z')]));
    store.receive(agentMessage('m-2', 'Your parcel shipped', '2025-01-01T10:05:00.000Z'));

    store.applySession(session([agentMessage('m-2', 'Your parcel shipped', '2025-01-01T10:05:00.000Z')]));

    expect(contents(store)).toEqual(['Welcome', 'Your parcel shipped']);
  });

  it('starts a clean list when the server hands out a different visitor, keeping unsent messages', () => {
    const store = new MessageStore();
    store.applySession(session([agentMessage('m-1', 'Old chat', '2025-01-01T10:00:00.000Z')], 'visitor-1'));
    store.enqueue('Still want this delivered', 'cmid-9', '2025-01-02T10:00:00.000Z');

    store.applySession(session([], 'visitor-2'));

    expect(contents(store)).toEqual(['Still want this delivered']);
    expect(store.resendable().map((item) => item.clientMessageId)).toEqual(['cmid-9']);
  });

  it('re-sends unacked messages after a reconnect with their original clientMessageId', () => {
    const store = new MessageStore();
    store.enqueue('First', 'cmid-1', '2025-01-01T10:00:00.000Z');
    store.enqueue('Second', 'cmid-2', '2025-01-01T10:00:02.000Z');

    // The ack of "First" was lost, but the server stored it: the new session carries it.
    store.applySession(session([visitorMessage('m-1', 'cmid-1', 'First', '2025-01-01T10:00:00.500Z')]));

    expect(store.resendable()).toEqual([{ clientMessageId: 'cmid-2', content: 'Second', createdAt: '2025-01-01T10:00:02.000Z' }]);
    expect(contents(store)).toEqual(['First', 'Second']);
  });

  it('survives a reload: the persisted outbox comes back as "sending" messages', () => {
    const before = new MessageStore();
    before.enqueue('Typed just before the tab closed', 'cmid-1', '2025-01-01T10:00:00.000Z');
    const persisted = JSON.stringify(before.outbox());

    const after = new MessageStore(parseOutbox(persisted));

    expect(after.messages()).toEqual([
      expect.objectContaining({ clientMessageId: 'cmid-1', status: 'sending', content: 'Typed just before the tab closed' }),
    ]);
    expect(after.resendable()).toHaveLength(1);
  });

  it('marks a refused message as failed, holds it back from re-sending, and sends it again on retry', () => {
    const store = new MessageStore();
    store.enqueue('x'.repeat(10), 'cmid-1', '2025-01-01T10:00:00.000Z');

    store.acknowledge('cmid-1', { ok: false, error: 'Too many messages' });

    expect(store.messages()[0]).toMatchObject({ status: 'failed', error: 'Too many messages' });
    expect(store.resendable()).toEqual([]);

    store.retry('cmid-1');
    expect(store.messages()[0].status).toBe('sending');
    expect(store.resendable()).toHaveLength(1);
  });

  it('orders confirmed messages by time and keeps unsent ones at the end', () => {
    const store = new MessageStore();
    store.enqueue('Pending question', 'cmid-3', '2025-01-01T09:00:00.000Z');
    store.receive(agentMessage('m-2', 'Second', '2025-01-01T10:00:02.000Z'));
    store.receive(agentMessage('m-1', 'First', '2025-01-01T10:00:01.000Z'));

    expect(contents(store)).toEqual(['First', 'Second', 'Pending question']);
  });

  it('reports only messages it had not seen as new', () => {
    const store = new MessageStore();
    const reply = agentMessage('m-1', 'Hi there', '2025-01-01T10:00:00.000Z');

    expect(store.receive(reply)).toBe(true);
    expect(store.receive(reply)).toBe(false);
  });
});

describe('parseOutbox', () => {
  it('drops storage content that is not an outbox instead of breaking the widget', () => {
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox('{"clientMessageId":"a"}')).toEqual([]);
    expect(
      parseOutbox(JSON.stringify([{ clientMessageId: 'a', content: 'ok', createdAt: 'now' }, { content: 'no id' }, 42])),
    ).toEqual([{ clientMessageId: 'a', content: 'ok', createdAt: 'now' }]);
  });
});
