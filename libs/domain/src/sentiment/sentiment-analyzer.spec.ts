import sample from './sentiment-sample.json';
import { analyzeSentiment, detectLanguage } from './sentiment-analyzer';

type Item = [lang: 'en' | 'ru', label: 'negative' | 'neutral' | 'positive', text: string];

describe('sentiment of customer messages', () => {
  const items = sample.items as Item[];

  it('keeps a labelled sample of at least 100 Russian and English messages', () => {
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(items.filter((i) => i[0] === 'ru').length).toBeGreaterThanOrEqual(50);
    expect(items.filter((i) => i[0] === 'en').length).toBeGreaterThanOrEqual(50);
  });

  it.each(['en', 'ru'] as const)('labels the %s sample with at least 85%% accuracy and never calls a negative message positive', (lang) => {
    const mine = items.filter((i) => i[0] === lang);
    const wrong = mine.filter(([, label, text]) => analyzeSentiment(text).label !== label);
    const accuracy = 1 - wrong.length / mine.length;
    // Printed so a lexicon change shows its effect; the bar is the assertion.
    process.stdout.write(`sentiment accuracy ${lang}: ${(accuracy * 100).toFixed(1)}% (${mine.length - wrong.length}/${mine.length})\n`);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
    expect(mine.filter(([, label, text]) => label === 'negative' && analyzeSentiment(text).label === 'positive')).toEqual([]);
  });

  it('detects the language', () => {
    expect(detectLanguage('Здравствуйте, где мой заказ?')).toBe('ru');
    expect(detectLanguage('Hello, where is my order?')).toBe('en');
    expect(analyzeSentiment('Заказ 1042 iPhone не работает').language).toBe('ru');
  });

  it('flips a word after a negation but not a distant one', () => {
    expect(analyzeSentiment('I am not happy').label).toBe('negative');
    expect(analyzeSentiment('Я не доволен').label).toBe('negative');
    expect(analyzeSentiment('Not bad at all').label).toBe('positive');
    expect(analyzeSentiment('Never had such a bad day').label).toBe('negative');
  });
});
