import { isStoredReaction, reactionBadges } from './message-reactions';

describe('message reactions in the thread', () => {
  it('groups the reactions showing, leaving out the ones taken back and malformed entries', () => {
    const metadata = {
      reactions: [
        { by: 'u1', emoji: '❤️', at: '2026-01-01T10:00:00Z' },
        { by: 'u2', emoji: null, at: '2026-01-01T10:01:00Z' },
        { by: 'u3', emoji: '👍', at: '2026-01-01T10:02:00Z' },
        { by: 'u4', emoji: '❤️', at: '2026-01-01T10:03:00Z' },
        null,
        'ошибка',
      ],
    };
    expect(reactionBadges({ metadata })).toEqual([{ emoji: '❤️', count: 2 }, { emoji: '👍', count: 1 }]);
    expect(reactionBadges({ metadata: { reactions: [{ by: 'u1', emoji: null }] } })).toEqual([]);
    expect(reactionBadges({ metadata: null })).toEqual([]);
  });

  it('recognizes a reaction stored as a message of its own (before reactions moved onto their message)', () => {
    expect(isStoredReaction({ metadata: { reaction: { to: 'm_1', emoji: '❤️', kind: 'love' } } })).toBe(true);
    expect(isStoredReaction({ metadata: { callbackData: 'x' } })).toBe(false);
    expect(isStoredReaction({ metadata: null })).toBe(false);
  });
});
