import type { ChatMessageView } from './message-store';
import { latestVisibleReply, laterSeen, overlapsView, seenMessageKey } from './read-receipts';

let n = 0;
function message(fields: Partial<ChatMessageView>): ChatMessageView {
  n++;
  return {
    key: `k${n}`, id: `m${n}`, clientMessageId: null, direction: 'inbound', content: 'Привет', authorName: null,
    createdAt: `2026-12-01T10:0${n % 10}:00.000Z`, status: 'sent', error: null, ...fields,
  };
}

describe('web chat read receipts', () => {
  it('reports the newest agent reply on screen, not one scrolled below the view', () => {
    const older = message({ direction: 'outbound', id: 'r1' });
    const newer = message({ direction: 'outbound', id: 'r2' });
    const mine = message({ direction: 'inbound' });
    const messages = [older, mine, newer];
    expect(latestVisibleReply(messages, () => true)).toBe('r2');
    expect(latestVisibleReply(messages, (m) => m !== newer)).toBe('r1');
    expect(latestVisibleReply(messages, () => false)).toBeNull();
    expect(latestVisibleReply([mine], () => true)).toBeNull();
  });

  it('tells whether a message box overlaps the scrolled view', () => {
    const view = { top: 100, bottom: 400 };
    expect(overlapsView({ top: 380, bottom: 420 }, view)).toBe(true);
    expect(overlapsView({ top: 400, bottom: 450 }, view)).toBe(false);
    expect(overlapsView({ top: 50, bottom: 100 }, view)).toBe(false);
    expect(overlapsView({ top: 0, bottom: 0 }, { top: 0, bottom: 0 })).toBe(false);
  });

  it("marks the visitor's newest message sent before the agent opened the conversation as seen", () => {
    const first = message({ createdAt: '2026-12-01T10:00:00.000Z' });
    const reply = message({ direction: 'outbound', createdAt: '2026-12-01T10:01:00.000Z' });
    const second = message({ createdAt: '2026-12-01T10:02:00.000Z' });
    const sending = message({ id: null, status: 'sending', createdAt: '2026-12-01T10:03:00.000Z' });
    const messages = [first, reply, second, sending];
    expect(seenMessageKey(messages, null)).toBeNull();
    expect(seenMessageKey(messages, 'not a date')).toBeNull();
    expect(seenMessageKey(messages, '2026-12-01T09:59:00.000Z')).toBeNull();
    expect(seenMessageKey(messages, '2026-12-01T10:01:30.000Z')).toBe(first.key);
    expect(seenMessageKey(messages, '2026-12-01T10:02:00.000Z')).toBe(second.key);
    expect(seenMessageKey(messages, '2026-12-01T11:00:00.000Z')).toBe(second.key);
  });

  it('keeps the later of two seen moments', () => {
    expect(laterSeen(null, '2026-12-01T10:00:00.000Z')).toBe('2026-12-01T10:00:00.000Z');
    expect(laterSeen('2026-12-01T10:05:00.000Z', '2026-12-01T10:00:00.000Z')).toBe('2026-12-01T10:05:00.000Z');
    expect(laterSeen('2026-12-01T10:05:00.000Z', '2026-12-01T10:06:00.000Z')).toBe('2026-12-01T10:06:00.000Z');
    expect(laterSeen('2026-12-01T10:05:00.000Z', null)).toBe('2026-12-01T10:05:00.000Z');
    expect(laterSeen(null, 'garbage')).toBeNull();
  });
});
