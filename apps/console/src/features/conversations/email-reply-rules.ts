// The email composer's Subject and CC fields as plain rules, so they are tested without a browser.

/** Loose on purpose: the api checks addresses properly and names any it refuses. */
const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** "Re: <subject>", without piling up "Re: Re: …" on a thread that already has one. */
export function replySubject(subject: string | null | undefined): string {
  const base = (subject ?? '').trim();
  if (!base) return '';
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

/** CC as typed (commas or semicolons between addresses): the addresses, and the ones that are not. */
export function parseCc(text: string): { addresses: string[]; invalid: string[] } {
  const parts = text.split(/[,;]/).map((part) => part.trim()).filter(Boolean);
  return { addresses: parts.filter((p) => ADDRESS.test(p)), invalid: parts.filter((p) => !ADDRESS.test(p)) };
}

/** Enter sends in chats; in an email a line break is normal, so only Ctrl/Cmd+Enter sends. */
export function sendsOnEnter(
  event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing: boolean },
  email: boolean,
): boolean {
  if (event.key !== 'Enter' || event.isComposing) return false;
  if (email) return event.ctrlKey || event.metaKey;
  return !event.shiftKey;
}
