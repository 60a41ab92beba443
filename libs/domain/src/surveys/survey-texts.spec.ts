import { answerModeOf, personalize, questionText, surveyTextsProblems, textsFor } from './survey-texts';

describe('survey texts', () => {
  it('reads {{name}} like {name}', () => {
    expect(personalize('Привет, {{name}}! От {{min}} до {{max}}', { name: 'Мария', type: 'ces' })).toBe('Привет, Мария! От 1 до 7');
    expect(personalize('Hello, {{name}}!', { name: '', type: 'csat' })).toBe('Hello!');
  });

  it('falls back to the default text where a setting leaves it empty', () => {
    const texts = textsFor('csat', 'en', { en: { why: '  ', thanks: 'Cheers, {name}' } });
    expect(texts.why).toBe('Thank you! What is the main reason for your score?');
    expect(texts.thanks).toBe('Cheers, {name}');
  });

  it('accepts known texts with known placeholders', () => {
    expect(surveyTextsProblems({ ru: { question: 'Здравствуйте, {name}! От {min} до {max}?', why: '' }, en: { thanks: 'Thanks, {{name}}' } })).toEqual([]);
    expect(surveyTextsProblems(undefined)).toEqual([]);
  });

  it('says what is wrong with bad texts', () => {
    expect(surveyTextsProblems({ de: { question: 'Hallo' } })).toEqual(['texts.de: only "ru" and "en" texts are supported']);
    expect(surveyTextsProblems({ en: { greeting: 'Hi' } })).toEqual(['texts.en.greeting: unknown text; use question, why, thanks, reask, unsubscribed']);
    expect(surveyTextsProblems({ en: { why: 5 } })).toEqual(['texts.en.why must be a string']);
    expect(surveyTextsProblems({ ru: { question: 'x'.repeat(1001) } })).toEqual(['texts.ru.question must be at most 1000 characters']);
    expect(surveyTextsProblems({ ru: { question: 'Привет, {nmae}!' } })).toEqual(['texts.ru.question: unknown placeholder {nmae}; use {name}, {brand}, {min} or {max}']);
    expect(surveyTextsProblems([1])).toEqual(['texts must be an object with "ru" and/or "en"']);
  });
});

describe('the survey question per channel and language', () => {
  const ask = (channel: string, language: 'ru' | 'en', type: 'csat' | 'nps' | 'ces' = 'csat', overrides?: Parameters<typeof textsFor>[2]) =>
    questionText(textsFor(type, language, overrides), { name: 'Мария', type, brand: 'Ромашка' }, language, answerModeOf(channel));

  it('is just the question, from the brand, where the channel shows rating buttons', () => {
    expect(ask('webchat', 'ru')).toBe('Здравствуйте, Мария! Как вы оцените помощь службы поддержки «Ромашка»?');
    expect(ask('telegram', 'en')).toBe('Hello, Мария! How would you rate the help you got from Ромашка?');
    for (const channel of ['webchat', 'telegram']) {
      for (const language of ['ru', 'en'] as const) {
        const text = ask(channel, language, 'nps');
        expect(text).not.toMatch(/цифрой|number|отписаться|unsubscribe/i);
        expect(text).not.toContain('Parley');
        expect(text).toContain('Ромашка');
      }
    }
  });

  it('says to reply with a number and how to stop surveys where the customer types the answer', () => {
    expect(ask('sms', 'ru')).toBe(
      'Здравствуйте, Мария! Как вы оцените помощь службы поддержки «Ромашка»? Ответьте цифрой от 1 (плохо) до 5 (отлично). (Ответьте «отписаться», чтобы больше не получать опросы.)',
    );
    expect(ask('whatsapp', 'en', 'nps')).toBe(
      'Hello, Мария! How likely are you to recommend Ромашка to a friend? Reply with a number from 0 to 10. (Reply "unsubscribe" to stop these surveys.)',
    );
  });

  it('leaves the answering to the links in email', () => {
    expect(ask('email', 'en', 'ces')).toBe('Hello, Мария! How easy was it to get your question solved by Ромашка?');
  });

  it('does not say twice how to answer when an admin question already names the scale', () => {
    const own = { ru: { question: 'Добрый день, {name}! Порекомендуете нас? Ответьте цифрой от 0 до 10.' } };
    expect(ask('sms', 'ru', 'nps', own)).toBe('Добрый день, Мария! Порекомендуете нас? Ответьте цифрой от 0 до 10. (Ответьте «отписаться», чтобы больше не получать опросы.)');
  });

  it('accepts {brand} in admin texts', () => {
    expect(surveyTextsProblems({ ru: { question: 'Как вам «{brand}»?' } })).toEqual([]);
    expect(personalize('Спасибо от {brand}!', { type: 'csat', brand: 'Ромашка' })).toBe('Спасибо от Ромашка!');
  });
});
