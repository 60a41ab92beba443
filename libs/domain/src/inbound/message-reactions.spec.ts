import { applyReaction, shownReactions, storedReactions, type MessageReaction } from './message-reactions';

const react = (by: string, emoji: string | null, at: string, id = `${by}-${at}`): MessageReaction => ({ by, emoji, at, id });

describe('message reactions', () => {
  it('sets a reaction, replaces it by a later one from the same sender and keeps other senders', () => {
    let out = applyReaction([], react('u1', '❤️', '2026-01-01T10:00:00.000Z'));
    expect(out).toMatchObject({ changed: true });
    out = applyReaction(out.reactions, react('u2', '👍', '2026-01-01T10:01:00.000Z'));
    out = applyReaction(out.reactions, react('u1', '😮', '2026-01-01T10:02:00.000Z'));
    expect(shownReactions(out.reactions)).toEqual(['👍', '😮']);
  });

  it('is idempotent: the same event again changes nothing', () => {
    const first = applyReaction([], react('u1', '❤️', '2026-01-01T10:00:00.000Z', 'e1'));
    const again = applyReaction(first.reactions, react('u1', '❤️', '2026-01-01T10:00:00.000Z', 'e1'));
    expect(again).toEqual({ reactions: first.reactions, changed: false });
  });

  it('takes a reaction back, and an older one arriving late does not bring it back', () => {
    const given = applyReaction([], react('u1', '❤️', '2026-01-01T10:00:00.000Z'));
    const taken = applyReaction(given.reactions, react('u1', null, '2026-01-01T10:05:00.000Z'));
    expect(taken.changed).toBe(true);
    expect(shownReactions(taken.reactions)).toEqual([]);
    const late = applyReaction(taken.reactions, react('u1', '❤️', '2026-01-01T10:00:00.000Z', 'older'));
    expect(late.changed).toBe(false);
    expect(shownReactions(late.reactions)).toEqual([]);
    // An unreact that overtook its reaction: the reaction stays away.
    const early = applyReaction([], react('u2', null, '2026-01-01T11:00:00.000Z'));
    expect(shownReactions(applyReaction(early.reactions, react('u2', '👍', '2026-01-01T10:59:00.000Z')).reactions)).toEqual([]);
  });

  it('reads what metadata holds, skipping malformed entries', () => {
    expect(storedReactions({ reactions: [{ by: 'u1', emoji: '❤️', at: 'x', id: 'e' }, { emoji: '👍' }, null, { by: 'u2', emoji: '', at: 'y' }] })).toEqual([
      { by: 'u1', emoji: '❤️', at: 'x', id: 'e' },
      { by: 'u2', emoji: null, at: 'y', id: '' },
    ]);
    expect(storedReactions(null)).toEqual([]);
  });
});
