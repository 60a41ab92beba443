import { buttonsOf, editsOf, toReplyButtons } from './reply-buttons';

describe('reply buttons', () => {
  it('turns editor rows into reply buttons: links, values, or the label alone', () => {
    expect(
      toReplyButtons([
        { text: ' Yes ', value: 'confirm:yes' },
        { text: 'Track', value: 'https://example.com/t/1' },
        { text: 'Maybe', value: '' },
        { text: '   ', value: 'ignored' },
      ]),
    ).toEqual([{ text: 'Yes', data: 'confirm:yes' }, { text: 'Track', url: 'https://example.com/t/1' }, { text: 'Maybe' }]);
  });

  it('reads buttons and edits from message metadata, ignoring junk', () => {
    expect(buttonsOf({ metadata: { buttons: [{ text: 'A', data: 'a' }, 7, null] } })).toEqual([{ text: 'A', data: 'a' }]);
    expect(buttonsOf({ metadata: null })).toEqual([]);
    expect(editsOf({ metadata: { edits: [{ content: 'szie', editedAt: '2026-01-01T00:00:00Z' }, 'x'] } })).toEqual([{ content: 'szie', editedAt: '2026-01-01T00:00:00Z' }]);
  });
});
