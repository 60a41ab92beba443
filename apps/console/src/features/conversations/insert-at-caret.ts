/** `inserted` in place of the selection [start, end) of `text`, and the caret right after it. */
export function insertAtCaret(text: string, start: number, end: number, inserted: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + inserted + text.slice(to), caret: from + inserted.length };
}
