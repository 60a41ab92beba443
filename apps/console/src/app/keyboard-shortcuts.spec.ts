import { isEditableTarget, mapShortcut, neighbourId, opensEmojiPicker, REPLY_SHORTCUT_HELP, SHORTCUT_HELP, type KeyPress } from './keyboard-shortcuts';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inEditable: false,
  ...over,
});

describe('mapShortcut', () => {
  it('maps the single-letter shortcuts', () => {
    expect(mapShortcut(press('j'))).toBe('nextConversation');
    expect(mapShortcut(press('k'))).toBe('previousConversation');
    expect(mapShortcut(press('r'))).toBe('focusReply');
    expect(mapShortcut(press('n'))).toBe('toggleNote');
    expect(mapShortcut(press('e'))).toBe('resolve');
    expect(mapShortcut(press('?'))).toBe('toggleHelp');
  });

  it('leaves letters alone while the agent types', () => {
    expect(mapShortcut(press('j', { inEditable: true }))).toBeNull();
    expect(mapShortcut(press('e', { inEditable: true }))).toBeNull();
  });

  it('focuses the search with / except while the agent types (a slash is text there)', () => {
    expect(mapShortcut(press('/'))).toBe('focusSearch');
    expect(mapShortcut(press('/', { inEditable: true }))).toBeNull();
  });

  it('still lets Escape leave a text field', () => {
    expect(mapShortcut(press('Escape', { inEditable: true }))).toBe('escape');
  });

  it('does not steal browser shortcuts', () => {
    expect(mapShortcut(press('r', { ctrlKey: true }))).toBeNull();
    expect(mapShortcut(press('k', { metaKey: true }))).toBeNull();
    expect(mapShortcut(press('e', { altKey: true }))).toBeNull();
  });

  it('ignores other keys', () => {
    expect(mapShortcut(press('x'))).toBeNull();
    expect(mapShortcut(press('J'))).toBeNull();
  });
});

describe('isEditableTarget', () => {
  it('treats text fields as editable and buttons as not', () => {
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'email' })).toBe(true);
    expect(isEditableTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});

describe('neighbourId', () => {
  const ids = ['a', 'b', 'c'];

  it('moves down and up, stopping at the ends', () => {
    expect(neighbourId(ids, 'a', 1)).toBe('b');
    expect(neighbourId(ids, 'c', 1)).toBe('c');
    expect(neighbourId(ids, 'b', -1)).toBe('a');
    expect(neighbourId(ids, 'a', -1)).toBe('a');
  });

  it('starts at the top when nothing listed is open', () => {
    expect(neighbourId(ids, null, 1)).toBe('a');
    expect(neighbourId(ids, 'gone', -1)).toBe('a');
    expect(neighbourId([], null, 1)).toBeNull();
  });
});

describe('reply box keys', () => {
  const key = (code: string, over: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
    code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over,
  });

  it('opens the emoji picker with Ctrl+E or Cmd+E, in any keyboard layout', () => {
    expect(opensEmojiPicker(key('KeyE', { ctrlKey: true }))).toBe(true);
    expect(opensEmojiPicker(key('KeyE', { metaKey: true }))).toBe(true);
    expect(opensEmojiPicker(key('KeyE'))).toBe(false);
    expect(opensEmojiPicker(key('KeyE', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(opensEmojiPicker(key('KeyR', { ctrlKey: true }))).toBe(false);
  });

  it('lists every key of the reply box and every global shortcut in the help, once', () => {
    expect(REPLY_SHORTCUT_HELP.map((k) => k.action)).toEqual(['send', 'newLine', 'sendEmail', 'emoji', 'pasteFile', 'canned', 'mention', 'closePopup']);
    expect(REPLY_SHORTCUT_HELP.find((k) => k.action === 'emoji')?.keys).toEqual(['Ctrl', 'E']);
    const global = SHORTCUT_HELP.map((k) => k.action);
    expect(new Set(global).size).toBe(global.length);
  });
});
