import { useTranslation } from 'react-i18next';
import type { SurveyType } from '@parley/contracts';

const MAX: Record<SurveyType, number> = { csat: 5, nps: 10, ces: 7 };

export interface ScoredRow {
  type: SurveyType;
  responses: number;
  score: number | null;
  average?: number | null;
  satisfiedPercent?: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * A score in words, never a bare number: CSAT as "average 2.0 of 5 · 0 % satisfied", NPS as its
 * −100…100 value with the mix behind it, CES as the average effort; always with how many answered.
 */
export function SurveyScoreCell({ row }: { row: ScoredRow }) {
  const { t, i18n } = useTranslation();
  const number = (n: number, digits = 1) => n.toLocaleString(i18n.resolvedLanguage ?? 'en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const responses = t('details.survey.responses', { count: row.responses });
  if (!row.responses) return <span className="muted" data-testid="survey-score">{t('details.survey.noAnswers')}</span>;
  const average = row.average ?? null;
  let main: string;
  let sub: string;
  if (row.type === 'nps') {
    main = t('details.survey.nps', { value: Math.round(row.score ?? 0) });
    sub = t('details.survey.npsMix', { promoters: row.promoters, passives: row.passives, detractors: row.detractors });
  } else if (row.type === 'ces') {
    main = t('details.survey.cesAverage', { value: number(average ?? row.score ?? 0) });
    sub = row.satisfiedPercent != null ? t('details.survey.satisfied', { value: number(row.satisfiedPercent, 0) }) : '';
  } else {
    main = t('details.survey.average', { value: number(average ?? 0), max: MAX.csat });
    sub = t('details.survey.satisfied', { value: number(row.satisfiedPercent ?? row.score ?? 0, 0) });
  }
  return (
    <span className="survey-score" data-testid="survey-score">
      <strong>{main}</strong>
      <span className="muted small">{[sub, responses].filter(Boolean).join(' · ')}</span>
    </span>
  );
}
