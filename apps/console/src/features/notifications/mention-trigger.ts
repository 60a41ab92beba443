import type { UserDto } from '@parley/contracts';

export interface MentionTrigger {
  /** Where the `@` is. */
  start: number;
  query: string;
}

/** `@` typed at a word start, then up to two words of a name (`@Бор`, `@Борис Пе`). */
const TRIGGER = /(^|\s)@([\p{L}\p{N}_.-]*(?: [\p{L}\p{N}_.-]*)?)$/u;

export function mentionTrigger(text: string, caret: number): MentionTrigger | null {
  const m = TRIGGER.exec(text.slice(0, caret));
  return m ? { start: caret - m[2].length - 1, query: m[2] } : null;
}

/** Lower case in every script, ё as е: how names are compared here and on the server. */
export const foldName = (s: string): string => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/** Agents whose name, or a word of it, starts with the query; enabled ones, by name. */
export function matchAgents(users: readonly UserDto[], query: string, limit = 6): UserDto[] {
  const q = foldName(query.trim());
  return users
    .filter((u) => !u.disabled && (!q || foldName(u.name).startsWith(q) || foldName(u.name).split(/\s+/).some((w) => w.startsWith(q))))
    .slice(0, limit);
}

/** The token the server reads by id (`@[Борис Петров](<id>)`), the name kept readable. */
export const mentionToken = (user: Pick<UserDto, 'id' | 'name'>): string => `@[${user.name.replace(/[[\]()\n]/g, ' ').trim()}](${user.id})`;

/** Replaces the typed `@query` with the agent's token and a space; returns the new text and caret. */
export function insertMention(text: string, trigger: MentionTrigger, caret: number, user: Pick<UserDto, 'id' | 'name'>): { text: string; caret: number } {
  const token = `${mentionToken(user)} `;
  return { text: text.slice(0, trigger.start) + token + text.slice(caret), caret: trigger.start + token.length };
}

const TOKEN = /@\[([^\]\n]{1,200})\]\([0-9a-fA-F-]{36}\)/g;

/** A note as people read it: tokens shown as `@Name`. */
export const displayMentions = (text: string): string => text.replace(TOKEN, (_, name: string) => `@${name}`);
