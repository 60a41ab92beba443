import { surveyTrend, typesIn } from './survey-trend';

const row = (period: string, type: 'csat' | 'nps' | 'ces', responses: number, score: number | null, promoters: number, passives: number, detractors: number) =>
  ({ period, type, responses, score, promoters, passives, detractors });

describe('the survey trend', () => {
  it('sums the mix of every group per period and weights the score by responses', () => {
    const trend = surveyTrend([
      row('2026-03-09', 'nps', 4, 50, 2, 2, 0),
      row('2026-03-02', 'nps', 1, -100, 0, 0, 1),
      row('2026-03-09', 'nps', 1, -100, 0, 0, 1),
      row('2026-03-09', 'csat', 2, 100, 2, 0, 0),
    ], 'nps');
    expect(trend).toEqual([
      { period: '2026-03-02', responses: 1, promoters: 0, passives: 0, detractors: 1, score: -100 },
      { period: '2026-03-09', responses: 5, promoters: 2, passives: 2, detractors: 1, score: 20 },
    ]);
  });

  it('keeps periods with surveys sent but no answers, without a score', () => {
    expect(surveyTrend([row('2026-03', 'csat', 0, null, 0, 0, 0)], 'csat')).toEqual([
      { period: '2026-03', responses: 0, promoters: 0, passives: 0, detractors: 0, score: null },
    ]);
  });

  it('lists the survey types present, in a stable order', () => {
    expect(typesIn([row('a', 'ces', 1, 2, 1, 0, 0), row('a', 'csat', 1, 100, 1, 0, 0)])).toEqual(['csat', 'ces']);
  });
});
