import type { UserDto } from '@parley/contracts';
import { displayMentions, insertMention, matchAgents, mentionTrigger } from './mention-trigger';

const user = (id: string, name: string): UserDto => ({ id, name, email: `${id}@parley.test`, role: 'agent' });
const boris = user('0190a7c2-0000-7000-8000-00000000000b', 'Борис Петров');
const anna = user('0190a7c2-0000-7000-8000-00000000000a', 'Анна Ким');

describe('mentions in the note box', () => {
  it('opens on @ at a word start, with up to two words typed', () => {
    expect(mentionTrigger('привет @бор', 11)).toEqual({ start: 7, query: 'бор' });
    expect(mentionTrigger('@Борис Пе', 9)).toEqual({ start: 0, query: 'Борис Пе' });
    expect(mentionTrigger('boris@mail', 10)).toBeNull();
  });

  it('matches a first or last name regardless of case, ё as е', () => {
    expect(matchAgents([anna, boris], 'БОР')).toEqual([boris]);
    expect(matchAgents([anna, boris], 'ким')).toEqual([anna]);
    expect(matchAgents([user('x', 'Фёдор')], 'федо')).toHaveLength(1);
  });

  it('replaces the typed name with the token and puts the caret after it', () => {
    const typed = 'срочно @бор посмотри';
    const result = insertMention(typed, { start: 7, query: 'бор' }, 11, boris);
    expect(result.text).toBe(`срочно @[Борис Петров](${boris.id})  посмотри`);
    expect(result.caret).toBe(7 + `@[Борис Петров](${boris.id}) `.length);
  });

  it('shows tokens as @Name', () => {
    expect(displayMentions(`@[Борис Петров](${boris.id}) посмотри, пожалуйста`)).toBe('@Борис Петров посмотри, пожалуйста');
  });
});
