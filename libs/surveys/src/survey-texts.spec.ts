import { personalize, surveyTextsProblems, textsFor } from './survey-texts';

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
    expect(surveyTextsProblems({ ru: { question: 'Привет, {nmae}!' } })).toEqual(['texts.ru.question: unknown placeholder {nmae}; use {name}, {min} or {max}']);
    expect(surveyTextsProblems([1])).toEqual(['texts must be an object with "ru" and/or "en"']);
  });
});
