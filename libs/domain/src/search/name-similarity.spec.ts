import { innerTrigrams, NAME_SIMILARITY_THRESHOLD, nameSimilarity } from './name-similarity';

describe('nameSimilarity', () => {
  it('lets a mistyped surname find the name', () => {
    expect(nameSimilarity('Ивнов', 'Пётр Иванов')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    expect(nameSimilarity('Ивонов', 'ИВАНОВ')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
  });

  it('scores an exact word 1 and unrelated names low', () => {
    expect(nameSimilarity('иванов', 'Иванов Пётр')).toBe(1);
    expect(nameSimilarity('Ивнов', 'Елена Петрова')).toBeLessThan(NAME_SIMILARITY_THRESHOLD);
    expect(nameSimilarity('', 'Иванов')).toBe(0);
  });

  it('lists the trigrams a trigram index can look up', () => {
    expect(innerTrigrams('Ивнов')).toEqual(['ивн', 'вно', 'нов']);
    expect(innerTrigrams('ab')).toEqual([]);
  });
});
