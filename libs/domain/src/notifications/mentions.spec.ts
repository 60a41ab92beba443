import { mentionToken, parseMentions } from './mentions';

const boris = { id: '0190a7c2-0000-7000-8000-000000000001', name: 'Борис Петров' };
const anna = { id: '0190a7c2-0000-7000-8000-000000000002', name: 'Анна Ким' };
const annaS = { id: '0190a7c2-0000-7000-8000-000000000003', name: 'Анна Смирнова' };
const kate = { id: '0190a7c2-0000-7000-8000-000000000004', name: 'Kate Brown' };
const agents = [boris, anna, annaS, kate];

describe('parseMentions', () => {
  it('reads the console token by id, whatever name it shows', () => {
    expect(parseMentions(`${mentionToken(boris)} посмотри, пожалуйста`, agents)).toEqual([boris.id]);
    expect(parseMentions(`@[Боря](${boris.id}) глянь`, agents)).toEqual([boris.id]);
  });

  it('matches a typed first name in Cyrillic regardless of case', () => {
    expect(parseMentions('@борис посмотри, пожалуйста', agents)).toEqual([boris.id]);
    expect(parseMentions('@БОРИС, глянь', agents)).toEqual([boris.id]);
  });

  it('prefers the full name and needs it when a first name is shared', () => {
    expect(parseMentions('@Анна Смирнова и @Анна Ким, гляньте', agents)).toEqual([annaS.id, anna.id]);
    expect(parseMentions('@Анна глянь', agents)).toEqual([]);
  });

  it('does not match a longer word or an e-mail address', () => {
    expect(parseMentions('@Борисович пишет', agents)).toEqual([]);
    expect(parseMentions('пишите на boris@борис.рф', agents)).toEqual([]);
  });

  it('mentions each agent once and ignores tokens of unknown ids', () => {
    expect(parseMentions(`@kate ${mentionToken(kate)} @[Кто-то](0190a7c2-0000-7000-8000-0000000000ff)`, agents)).toEqual([kate.id]);
  });

  it('treats ё as е', () => {
    expect(parseMentions('@Фёдор привет', [{ id: boris.id, name: 'Федор Ильин' }])).toEqual([boris.id]);
  });
});
