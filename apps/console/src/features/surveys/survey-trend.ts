import type { SurveyType } from '@parley/contracts';

/** The report row fields the trend needs (see libs/surveys survey-report.ts). */
export interface TrendSourceRow {
  period: string;
  type: SurveyType;
  responses: number;
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface TrendPoint {
  period: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** CSAT % satisfied, NPS, or mean CES over all groups of the period; null without responses. */
  score: number | null;
}

/**
 * One point per period for one survey type, all groups together. Every score (CSAT share, NPS,
 * CES mean) is a per-response average, so the period's score is the groups' scores weighted by
 * their responses.
 */
export function surveyTrend(rows: readonly TrendSourceRow[], type: SurveyType): TrendPoint[] {
  const byPeriod = new Map<string, TrendPoint & { weighted: number }>();
  for (const r of rows) {
    if (r.type !== type) continue;
    const p = byPeriod.get(r.period) ?? { period: r.period, responses: 0, promoters: 0, passives: 0, detractors: 0, score: null, weighted: 0 };
    p.responses += r.responses;
    p.promoters += r.promoters;
    p.passives += r.passives;
    p.detractors += r.detractors;
    if (r.score !== null) p.weighted += r.score * r.responses;
    byPeriod.set(r.period, p);
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ weighted, ...p }) => ({ ...p, score: p.responses ? Math.round((weighted / p.responses) * 10) / 10 : null }));
}

/** Where a score sits on the chart's right axis, 0 (bottom) to 1 (top). */
export function scoreScale(type: SurveyType): { min: number; max: number } {
  return type === 'nps' ? { min: -100, max: 100 } : type === 'csat' ? { min: 0, max: 100 } : { min: 1, max: 7 };
}

export function typesIn(rows: readonly { type: SurveyType }[]): SurveyType[] {
  const present = new Set(rows.map((r) => r.type));
  return (['csat', 'nps', 'ces'] as const).filter((t) => present.has(t));
}
