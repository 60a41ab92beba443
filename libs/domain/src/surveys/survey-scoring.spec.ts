import { isDetractor, isSatisfied, npsGroup, summarize } from './survey-scoring';

describe('survey scores', () => {
  it('counts CSAT as the share of 4 and 5', () => {
    expect(summarize('csat', [5, 4, 3, 1]).score).toBe(50);
    expect(summarize('csat', []).score).toBeNull();
  });

  it('computes NPS as promoters minus detractors, tracking passives', () => {
    const s = summarize('nps', [10, 9, 8, 7, 6, 0, 10, 10]);
    expect(s).toMatchObject({ responses: 8, promoters: 4, passives: 2, detractors: 2, score: 25 });
    expect(npsGroup(9)).toBe('promoter');
    expect(npsGroup(7)).toBe('passive');
    expect(npsGroup(6)).toBe('detractor');
  });

  it('averages CES on 1–7 where high means hard', () => {
    expect(summarize('ces', [1, 2, 6]).score).toBe(3);
    expect(isDetractor('ces', 5)).toBe(true);
    expect(isSatisfied('ces', 2)).toBe(true);
  });

  it('ignores out-of-scale scores', () => {
    expect(summarize('csat', [0, 6, 5]).responses).toBe(1);
  });

  it('flags detractors at CSAT ≤ 2 and NPS ≤ 6', () => {
    expect([1, 2, 3].map((s) => isDetractor('csat', s))).toEqual([true, true, false]);
    expect([6, 7].map((s) => isDetractor('nps', s))).toEqual([true, false]);
  });
});
