import type { MessageDto } from '@parley/contracts';
import { initialThreadState, threadReducer, type ThreadAction, type ThreadState } from './thread.reducer';

const at = (n: number) => new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString();
const message = (id: string, n: number, over: Partial<MessageDto> = {}): MessageDto =>
  ({ id, conversationId: 'c1', createdAt: at(n), content: id, deliveryStatus: 'sent', ...over }) as MessageDto;

const run = (actions: ThreadAction[], state: ThreadState = initialThreadState) => actions.reduce(threadReducer, state);
const ids = (state: ThreadState) => state.messages.map((m) => m.id);

describe('thread reducer', () => {
  const opened = run([
    { type: 'opened', conversationId: 'c1' },
    { type: 'pageLoaded', conversationId: 'c1', page: { items: [message('m3', 3), message('m2', 2)], nextCursor: 'older' }, older: false },
  ]);

  it('shows the newest-first page oldest first', () => {
    expect(ids(opened)).toEqual(['m2', 'm3']);
    expect(opened.olderCursor).toBe('older');
  });

  it('prepends older pages', () => {
    const state = run(
      [
        { type: 'loadOlderStarted' },
        { type: 'pageLoaded', conversationId: 'c1', page: { items: [message('m1', 1)], nextCursor: null }, older: true },
      ],
      opened,
    );
    expect(ids(state)).toEqual(['m1', 'm2', 'm3']);
    expect(state.olderCursor).toBeNull();
    expect(state.loadingOlder).toBe(false);
  });

  it('appends a live message once, even when the send response and the event both deliver it', () => {
    const reply = message('m4', 4, { direction: 'outbound' });
    const state = run(
      [
        { type: 'messageReceived', message: reply },
        { type: 'messageReceived', message: reply },
      ],
      opened,
    );
    expect(ids(state)).toEqual(['m2', 'm3', 'm4']);
  });

  it('updates the delivery status in place', () => {
    const state = run([{ type: 'messageReceived', message: message('m3', 3, { deliveryStatus: 'delivered' }) }], opened);
    expect(state.messages.map((m) => m.deliveryStatus)).toEqual(['sent', 'delivered']);
  });

  it("keeps a carrier's refusal when the reply's HTTP answer (still pending) arrives after it", () => {
    const pending = message('m4', 4, { direction: 'outbound', deliveryStatus: 'pending' });
    const refused = { ...pending, deliveryStatus: 'undelivered' as const, deliveryError: 'Blocked by carrier filtering (Twilio 30007)' };
    const state = run(
      [
        { type: 'messageReceived', message: pending },
        { type: 'messageReceived', message: refused },
        { type: 'messageReceived', message: pending },
      ],
      opened,
    );
    expect(state.messages.find((m) => m.id === 'm4')).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 'Blocked by carrier filtering (Twilio 30007)' });
  });

  it('takes an edit of the content from a later copy with the same status', () => {
    const state = run([{ type: 'messageReceived', message: message('m3', 3, { content: 'edited' }) }], opened);
    expect(state.messages.find((m) => m.id === 'm3')?.content).toBe('edited');
  });

  it('ignores messages of other conversations and late pages of a previous conversation', () => {
    const state = run(
      [
        { type: 'messageReceived', message: message('x', 9, { conversationId: 'c2' }) },
        { type: 'opened', conversationId: 'c2' },
        { type: 'pageLoaded', conversationId: 'c1', page: { items: [message('late', 5)], nextCursor: null }, older: false },
      ],
      opened,
    );
    expect(state.messages).toEqual([]);
    expect(state.loading).toBe(true);
  });

  it('keeps the older cursor when the first page is refreshed after a reconnect', () => {
    const scrolled = run(
      [{ type: 'pageLoaded', conversationId: 'c1', page: { items: [message('m1', 1)], nextCursor: null }, older: true }],
      opened,
    );
    const refreshed = run(
      [{ type: 'pageLoaded', conversationId: 'c1', page: { items: [message('m5', 5), message('m3', 3)], nextCursor: 'older' }, older: false }],
      scrolled,
    );
    expect(ids(refreshed)).toEqual(['m1', 'm2', 'm3', 'm5']);
    expect(refreshed.olderCursor).toBeNull();
  });
});
