import { isUnsubscribe, looksLikeAnswerAttempt, parseScore } from './survey-answer-parser';
import { personalize } from './survey-texts';

describe('parsing free-form survey answers', () => {
  it.each([
    ['5', 5], [' 4! ', 4], ['пять', 5], ['Пятёрка', 5], ['five', 5], ['⭐⭐⭐⭐', 4], ['★★★', 3], ['4 из 5', 4], ['4 out of 5', 4],
    ['5️⃣', 5], ['👍', 5], ['👎', 1], ['ну четыре', 4], ['оценка 3', 3],
  ])('reads CSAT answer %p as %p', (text, score) => {
    expect(parseScore(text, 'csat')).toBe(score);
  });

  it.each([['10/10', 10], ['0', 0], ['десять', 10], ['🔟', 10], ['9 of 10', 9], ['seven', 7]])('reads NPS answer %p as %p', (text, score) => {
    expect(parseScore(text, 'nps')).toBe(score);
  });

  it('maps thumbs on CES the other way round (1 is easy)', () => {
    expect(parseScore('👍', 'ces')).toBe(1);
    expect(parseScore('7', 'ces')).toBe(7);
  });

  it.each([
    ['6'], ['0'], ['10/10'], ['4.5'], ['asdf'], [''], ['my order 12345 never came to my address'], ['3 or 4'], ['⭐⭐⭐⭐⭐⭐'],
  ])('rejects %p on the CSAT scale', (text) => {
    expect(parseScore(text, 'csat')).toBeNull();
  });

  it('recognizes the unsubscribe words in both languages', () => {
    expect(isUnsubscribe('Unsubscribe')).toBe(true);
    expect(isUnsubscribe('Отписаться!')).toBe(true);
    expect(isUnsubscribe('how do I unsubscribe from the newsletter?')).toBe(false);
  });

  it('tells a garbled answer from a new message', () => {
    expect(looksLikeAnswerAttempt('хм')).toBe(true);
    expect(looksLikeAnswerAttempt('Where is my new order? It has not arrived yet')).toBe(false);
  });

  it('personalizes with the name, and reads well without one', () => {
    expect(personalize('Hello, {name}! From {min} to {max}', { name: 'Maria', type: 'csat' })).toBe('Hello, Maria! From 1 to 5');
    expect(personalize('Здравствуйте, {name}!', { name: null, type: 'nps' })).toBe('Здравствуйте!');
  });
});
