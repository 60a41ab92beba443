import { innerTrigrams, NAME_SIMILARITY_THRESHOLD, nameSimilarity } from './name-similarity';

describe('nameSimilarity', () => {
  it('lets a mistyped surname find the name', () => {
    expect(nameSimilarity('Ивнов', 'Пётр Иванов')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    expect(nameSimilarity('Ивонов', 'ИВАНОВ')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
  });

  it('lets a short surname with a letter missing find the name, as pg_trgm does', () => {
    // Whole words share 3 of 8 distinct trigrams (0.375); the run "пов", "ов " of Попов shares 2 of 5 (0.4).
    expect(nameSimilarity('Ппов', 'Анна Попов')).toBeCloseTo(0.4, 5);
    expect(nameSimilarity('Ппов', 'Анна Попов')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    expect(nameSimilarity('Влков', 'Татьяна Волков')).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    expect(nameSimilarity('Ппов', 'Ковалёв')).toBeLessThan(NAME_SIMILARITY_THRESHOLD);
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
