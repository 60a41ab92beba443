/** The domain's own word; tools/lint/domain-contracts.spec.ts keeps it equal to the api's. */
export type SurveyType = 'csat' | 'nps' | 'ces';

export const SURVEY_TYPES: readonly SurveyType[] = ['csat', 'nps', 'ces'];

/**
 * The standard scales. CES runs from 1 (very easy) to 7 (very difficult), so for CES a high score
 * is the bad one.
 */
export const SURVEY_SCALES: Record<SurveyType, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

export type NpsGroup = 'promoter' | 'passive' | 'detractor';

export function inScale(type: SurveyType, score: number): boolean {
  const { min, max } = SURVEY_SCALES[type];
  return Number.isInteger(score) && score >= min && score <= max;
}

export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** The scores that start detractor recovery: CSAT ≤ 2, NPS ≤ 6, CES ≥ 5. */
export function isDetractor(type: SurveyType, score: number): boolean {
  return type === 'csat' ? score <= 2 : type === 'nps' ? score <= 6 : score >= 5;
}

/** What the XLA CSAT target counts as a satisfied customer: CSAT 4–5, an NPS promoter, CES 1–3. */
export function isSatisfied(type: SurveyType, score: number): boolean {
  return type === 'csat' ? score >= 4 : type === 'nps' ? score >= 9 : score <= 3;
}

export interface SurveySummary {
  type: SurveyType;
  responses: number;
  /** CSAT: % of 4–5; NPS: % promoters − % detractors; CES: the mean. Null without responses. */
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarize(type: SurveyType, scores: readonly number[]): SurveySummary {
  const valid = scores.filter((s) => inScale(type, s));
  const n = valid.length;
  const groups = { promoters: 0, passives: 0, detractors: 0 };
  if (type === 'nps') {
    for (const s of valid) groups[`${npsGroup(s)}s` as keyof typeof groups]++;
  } else {
    for (const s of valid) {
      if (isDetractor(type, s)) groups.detractors++;
      else if (isSatisfied(type, s)) groups.promoters++;
      else groups.passives++;
    }
  }
  let score: number | null = null;
  if (n) {
    if (type === 'csat') score = round1((valid.filter((s) => s >= 4).length / n) * 100);
    else if (type === 'nps') score = round1(((groups.promoters - groups.detractors) / n) * 100);
    else score = round1(valid.reduce((a, b) => a + b, 0) / n);
  }
  return { type, responses: n, score, ...groups };
}
