export type ShortcutAction =
  | 'nextConversation'
  | 'previousConversation'
  | 'focusReply'
  | 'toggleNote'
  | 'resolve'
  | 'assignToMe'
  | 'runMacro'
  | 'toggleHelp'
  | 'focusSearch'
  | 'escape';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while focus is in a text field, select or contenteditable: letters are text there. */
  inEditable: boolean;
}

const LETTER_SHORTCUTS: Record<string, ShortcutAction> = {
  j: 'nextConversation',
  k: 'previousConversation',
  r: 'focusReply',
  n: 'toggleNote',
  e: 'resolve',
  a: 'assignToMe',
  m: 'runMacro',
  '?': 'toggleHelp',
  '/': 'focusSearch',
};

/** Shown in the "?" help, in this order. */
export const SHORTCUT_HELP: readonly { keys: string[]; action: ShortcutAction }[] = [
  { keys: ['j'], action: 'nextConversation' },
  { keys: ['k'], action: 'previousConversation' },
  { keys: ['r'], action: 'focusReply' },
  { keys: ['n'], action: 'toggleNote' },
  { keys: ['e'], action: 'resolve' },
  { keys: ['a'], action: 'assignToMe' },
  { keys: ['m'], action: 'runMacro' },
  { keys: ['/'], action: 'focusSearch' },
  { keys: ['Esc'], action: 'escape' },
  { keys: ['?'], action: 'toggleHelp' },
];

export function mapShortcut(press: KeyPress): ShortcutAction | null {
  if (press.key === 'Escape') return 'escape';
  if (press.inEditable || press.ctrlKey || press.metaKey || press.altKey) return null;
  return LETTER_SHORTCUTS[press.key] ?? null;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']);

export function isEditableTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}

/** j/k: the neighbour of the open conversation; from nothing open, the first one. */
export function neighbourId(ids: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = currentId ? ids.indexOf(currentId) : -1;
  if (index === -1) return ids[0];
  const next = Math.min(ids.length - 1, Math.max(0, index + step));
  return ids[next];
}

/** Keys of the reply box (handled there, while it has the focus). */
export type ReplyKeyAction = 'send' | 'newLine' | 'sendEmail' | 'emoji' | 'pasteFile' | 'mention' | 'canned' | 'closePopup';

/** Shown in the "?" help under "In the reply box", in this order. `⌘` stands in for Ctrl on a Mac. */
export const REPLY_SHORTCUT_HELP: readonly { keys: string[]; action: ReplyKeyAction }[] = [
  { keys: ['Enter'], action: 'send' },
  { keys: ['Shift', 'Enter'], action: 'newLine' },
  { keys: ['Ctrl', 'Enter'], action: 'sendEmail' },
  { keys: ['Ctrl', 'E'], action: 'emoji' },
  { keys: ['Ctrl', 'V'], action: 'pasteFile' },
  { keys: ['/'], action: 'canned' },
  { keys: ['@'], action: 'mention' },
  { keys: ['Esc'], action: 'closePopup' },
];

/**
 * Ctrl+E (⌘E on a Mac) in the reply box opens the emoji picker. Matched on the physical key (`code`),
 * so it works in the Russian layout too, where that key types "у".
 */
export function opensEmojiPicker(press: { code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return press.code === 'KeyE' && (press.ctrlKey || press.metaKey) && !press.altKey && !press.shiftKey;
}
