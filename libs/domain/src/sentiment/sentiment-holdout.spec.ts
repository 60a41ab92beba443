import holdout from './sentiment-holdout.json';
import { analyzeSentiment } from './sentiment-analyzer';

type Label = 'negative' | 'neutral' | 'positive';
type Item = [lang: 'en' | 'ru', label: Label, text: string];

/**
 * The lexicon was tuned on sentiment-sample.json, so its accuracy there says little about new
 * messages. These messages were written afterwards and are never used to tune it: the figures
 * printed here are the honest ones. The floors guard against regressions, they are not a target.
 */
describe('sentiment on the held-out sample', () => {
  const items = holdout.items as Item[];

  it('keeps at least 60 Russian and 60 English messages, every label represented', () => {
    for (const lang of ['en', 'ru'] as const) {
      const mine = items.filter((i) => i[0] === lang);
      expect(mine.length).toBeGreaterThanOrEqual(60);
      for (const label of ['negative', 'neutral', 'positive'] as const) expect(mine.filter((i) => i[1] === label).length).toBeGreaterThanOrEqual(15);
    }
    // Held out means unseen: no message of the tuning sample is repeated here.
    const tuned = new Set((require('./sentiment-sample.json') as { items: Item[] }).items.map((i) => i[2].toLowerCase()));
    expect(items.filter((i) => tuned.has(i[2].toLowerCase()))).toEqual([]);
  });

  it.each(['en', 'ru'] as const)('labels the held-out %s messages above the floor, and never calls a calm question negative', (lang) => {
    const mine = items.filter((i) => i[0] === lang);
    const got = mine.map(([, label, text]) => ({ label, guess: analyzeSentiment(text).label }));
    const right = got.filter((g) => g.guess === g.label).length;
    const recall = (label: Label) => {
      const of = got.filter((g) => g.label === label);
      return `${of.filter((g) => g.guess === label).length}/${of.length}`;
    };
    process.stdout.write(
      `held-out sentiment accuracy ${lang}: ${((right / mine.length) * 100).toFixed(1)}% (${right}/${mine.length}); ` +
        `negative ${recall('negative')}, neutral ${recall('neutral')}, positive ${recall('positive')}\n`,
    );
    expect(right / mine.length).toBeGreaterThanOrEqual(0.55);
    // A neutral question marked negative would jump the queue (priority boost): that must not happen.
    expect(got.filter((g) => g.label === 'neutral' && g.guess === 'negative')).toEqual([]);
    // Calling an angry customer happy is the worst mistake; keep it rare.
    expect(got.filter((g) => g.label === 'negative' && g.guess === 'positive').length).toBeLessThanOrEqual(1);
  });
});
