import { agentSeenMoves, continuesConversation, previewOf } from './conversation-rules';
import { isId, newId } from './ids';

describe('conversation rules', () => {
  it('opens a new conversation only after the last one was resolved', () => {
    expect(continuesConversation('open')).toBe(true);
    expect(continuesConversation('snoozed')).toBe(true);
    expect(continuesConversation('pending')).toBe(true);
    expect(continuesConversation('resolved')).toBe(false);
  });

  it('records an agent seeing the conversation only when the customer wrote since the last time', () => {
    const t = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
    expect(agentSeenMoves(null, null)).toBe(false);
    expect(agentSeenMoves(null, t(1))).toBe(true);
    expect(agentSeenMoves(t(0), t(1))).toBe(true);
    expect(agentSeenMoves(t(1), t(1))).toBe(false);
    expect(agentSeenMoves(t(2), t(1))).toBe(false);
  });

  it('previews text on one line, cut with an ellipsis', () => {
    expect(previewOf('Hello\n\n  there')).toBe('Hello there');
    expect(previewOf('x'.repeat(200), 10)).toBe('xxxxxxxxx…');
  });

  it('makes ids that sort by creation', () => {
    const a = newId();
    const b = newId();
    expect(isId(a)).toBe(true);
    expect(a < b).toBe(true);
    expect(isId('../etc/passwd')).toBe(false);
  });
});
