/** An agent a note may mention. */
export interface MentionableAgent {
  id: string;
  name: string;
}

/** The stable token the console inserts from its autocomplete: `@[Борис Петров](<user id>)`. */
const TOKEN = /@\[([^\]\n]{1,200})\]\(([0-9a-fA-F-]{36})\)/g;

/** Folded for comparison: lower case in every script (not SQLite's ASCII-only LOWER), ё as е. */
export const foldName = (s: string): string => s.normalize('NFC').toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

const isLetter = (ch: string | undefined): boolean => !!ch && /[\p{L}\p{N}_]/u.test(ch);

/** The console's token for an agent (what the autocomplete inserts). */
export const mentionToken = (agent: MentionableAgent): string => `@[${agent.name.replace(/[[\]()\n]/g, ' ').trim()}](${agent.id})`;

/**
 * The agents a note mentions, in order of first mention, each once. Tokens name the agent by id (a
 * renamed agent still matches); typed text `@Борис Петров` or `@борис` matches an agent's full name,
 * else the first word of a name when only one agent has it. The longest name wins, so `@Анна Ким`
 * is not read as `@Анна` when both exist; the next character must not be a letter (`@Аннабель`).
 */
export function parseMentions(text: string, agents: readonly MentionableAgent[]): string[] {
  const found: string[] = [];
  const add = (id: string) => { if (!found.includes(id)) found.push(id); };
  const known = new Set(agents.map((a) => a.id.toLowerCase()));
  const withoutTokens = text.replace(TOKEN, (_, _name: string, id: string) => {
    if (known.has(id.toLowerCase())) add(agents.find((a) => a.id.toLowerCase() === id.toLowerCase())!.id);
    return ' ';
  });
  const firstNames = new Map<string, string[]>();
  for (const a of agents) {
    const first = foldName(a.name).split(' ')[0];
    if (first) firstNames.set(first, [...(firstNames.get(first) ?? []), a.id]);
  }
  const candidates = [
    ...agents.map((a) => ({ key: foldName(a.name), id: a.id })),
    ...[...firstNames].filter(([, ids]) => ids.length === 1).map(([key, ids]) => ({ key, id: ids[0] })),
  ].filter((c) => c.key).sort((a, b) => b.key.length - a.key.length);
  const folded = foldName(withoutTokens.replace(/\s+/g, ' '));
  for (let at = folded.indexOf('@'); at >= 0; at = folded.indexOf('@', at + 1)) {
    if (isLetter(folded[at - 1])) continue;
    const rest = folded.slice(at + 1);
    const match = candidates.find((c) => rest.startsWith(c.key) && !isLetter(rest[c.key.length]));
    if (match) add(match.id);
  }
  return found;
}
