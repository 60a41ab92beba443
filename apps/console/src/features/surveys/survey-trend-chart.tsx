import { useTranslation } from 'react-i18next';
import type { SurveyType } from '@parley/contracts';
import { scoreScale, type TrendPoint } from './survey-trend';

const W = 640;
const H = 200;
const PAD = { top: 16, right: 44, bottom: 28, left: 36 };

/**
 * The promoters / passives / detractors mix per period as 100% stacked bars, with the score as a
 * line on its own axis (CSAT %, NPS −100…100, CES 1–7). Plain SVG: a few dozen shapes at most.
 */
export function SurveyTrendChart({ type, points }: { type: SurveyType; points: TrendPoint[] }) {
  const { t } = useTranslation();
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(points.length, 1);
  const barW = Math.min(48, slot * 0.6);
  const { min, max } = scoreScale(type);
  const yShare = (share: number) => PAD.top + innerH * (1 - share);
  const yScore = (score: number) => PAD.top + innerH * (1 - (score - min) / (max - min));
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const labels = { promoters: t(`surveys.mixLabel.${type}.promoters`), passives: t(`surveys.mixLabel.${type}.passives`), detractors: t(`surveys.mixLabel.${type}.detractors`) };
  const scored = points.map((p, i) => ({ p, i })).filter(({ p }) => p.score !== null);
  const line = scored.map(({ p, i }) => `${x(i)},${yScore(p.score!)}`).join(' ');

  return (
    <figure className="surveys-trend" data-testid="surveys-trend" data-type={type}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('surveys.trendTitle', { type: type.toUpperCase() })}>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yShare(share)} y2={yShare(share)} className="surveys-trend__grid" />
            <text x={PAD.left - 6} y={yShare(share) + 4} textAnchor="end" className="surveys-trend__axis">{`${share * 100}%`}</text>
            <text x={W - PAD.right + 6} y={yShare(share) + 4} className="surveys-trend__axis surveys-trend__axis--score">{Math.round(min + (max - min) * share)}</text>
          </g>
        ))}
        {points.map((p, i) => {
          const total = p.promoters + p.passives + p.detractors;
          const parts = (['detractors', 'passives', 'promoters'] as const).map((k) => ({ k, share: total ? p[k] / total : 0 }));
          let base = 0;
          return (
            <g key={p.period} data-testid="surveys-trend-bar" data-period={p.period}>
              {total === 0 && <rect x={x(i) - barW / 2} y={PAD.top} width={barW} height={innerH} className="surveys-trend__empty" />}
              {parts.map(({ k, share }) => {
                const y = yShare(base + share);
                const h = innerH * share;
                base += share;
                return h > 0 ? (
                  <rect key={k} x={x(i) - barW / 2} y={y} width={barW} height={h} className={`surveys-mix__${k}`}>
                    <title>{`${p.period} · ${labels[k]}: ${p[k]} (${Math.round(share * 100)}%)`}</title>
                  </rect>
                ) : null;
              })}
              <text x={x(i)} y={H - 8} textAnchor="middle" className="surveys-trend__axis">{p.period}</text>
            </g>
          );
        })}
        {scored.length > 1 && <polyline points={line} className="surveys-trend__line" />}
        {scored.map(({ p, i }) => (
          <g key={p.period}>
            <circle cx={x(i)} cy={yScore(p.score!)} r={4} className="surveys-trend__dot" />
            <text x={x(i)} y={yScore(p.score!) - 8} textAnchor="middle" className="surveys-trend__value">{p.score}</text>
          </g>
        ))}
      </svg>
      <figcaption className="surveys-trend__legend">
        <span><i className="surveys-mix__promoters" />{labels.promoters}</span>
        <span><i className="surveys-mix__passives" />{labels.passives}</span>
        <span><i className="surveys-mix__detractors" />{labels.detractors}</span>
        <span><i className="surveys-trend__legend-line" />{t(`surveys.scoreLabel.${type}`)}</span>
      </figcaption>
    </figure>
  );
}
