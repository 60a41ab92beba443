import { DICTIONARIES, createTranslator, pickLocale } from './i18n';

describe('pickLocale', () => {
  it('uses the explicit locale from init or data-locale', () => {
    expect(pickLocale('ru', 'en-US')).toBe('ru');
    expect(pickLocale('en', 'ru-RU')).toBe('en');
    expect(pickLocale('RU-ru', undefined)).toBe('ru');
  });

  it('falls back to the browser language when nothing explicit is given', () => {
    expect(pickLocale(undefined, 'ru-RU')).toBe('ru');
    expect(pickLocale(null, 'ru')).toBe('ru');
    expect(pickLocale(undefined, 'en-GB')).toBe('en');
  });

  it('speaks English for any other language or an unsupported explicit choice', () => {
    expect(pickLocale(undefined, 'de-DE')).toBe('en');
    expect(pickLocale('fr', 'de-DE')).toBe('en');
    expect(pickLocale('fr', 'ru-RU')).toBe('ru');
    expect(pickLocale('', '')).toBe('en');
  });
});

describe('createTranslator', () => {
  it('greets in the chosen language', () => {
    expect(createTranslator('en')('title')).toBe('Chat with us');
    expect(createTranslator('ru')('title')).toBe('Напишите нам');
  });

  it('names the agent who is typing', () => {
    expect(createTranslator('en')('typingNamed', { name: 'Anna' })).toBe('Anna is typing…');
    expect(createTranslator('ru')('typingNamed', { name: 'Анна' })).toBe('Анна печатает…');
  });

  it('has every UI string in both languages', () => {
    const english = Object.keys(DICTIONARIES.en).sort();
    expect(Object.keys(DICTIONARIES.ru).sort()).toEqual(english);
    for (const dictionary of Object.values(DICTIONARIES)) {
      for (const text of Object.values(dictionary)) expect(text.trim()).not.toBe('');
    }
  });
});
