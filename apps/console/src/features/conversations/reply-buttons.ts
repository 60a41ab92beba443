import type { MessageDto, ReplyButtonDto } from '@parley/contracts';

/** One row of the composer's buttons editor: a label and a reply value or a link. */
export interface ButtonDraft {
  text: string;
  value: string;
}

/** The Bot API's limits: 64 bytes of callback data; we keep labels as short. */
export const MAX_BUTTONS = 12;
export const MAX_BUTTON_TEXT = 64;

/** The editor's rows → the reply body's `buttons`: blank rows dropped, links told from values. */
export function toReplyButtons(drafts: ButtonDraft[]): ReplyButtonDto[] {
  return drafts
    .map((d) => ({ text: d.text.trim().slice(0, MAX_BUTTON_TEXT), value: d.value.trim() }))
    .filter((d) => d.text)
    .slice(0, MAX_BUTTONS)
    .map((d) => (/^https?:\/\/\S+$/i.test(d.value) ? { text: d.text, url: d.value } : d.value ? { text: d.text, data: d.value.slice(0, MAX_BUTTON_TEXT) } : { text: d.text }));
}

/** The buttons an outbound message carried (stored in its metadata), for the thread. */
export function buttonsOf(message: Pick<MessageDto, 'metadata'>): ReplyButtonDto[] {
  const raw = message.metadata?.buttons;
  return Array.isArray(raw) ? raw.filter((b): b is ReplyButtonDto => !!b && typeof b === 'object' && typeof b.text === 'string') : [];
}

/** Earlier versions of an edited message (oldest first): what the customer wrote before. */
export function editsOf(message: Pick<MessageDto, 'metadata'>): { content: string | null; editedAt: string }[] {
  const raw = message.metadata?.edits;
  return Array.isArray(raw) ? raw.filter((e) => e && typeof e === 'object' && typeof e.editedAt === 'string') : [];
}
