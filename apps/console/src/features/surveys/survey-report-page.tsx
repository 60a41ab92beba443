import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyRecoveryDto, SurveyType } from '@parley/contracts';
import { http } from '../../api/http-client';
import { SurveyScoreCell } from './survey-score-cell';
import { SurveysTabs } from './survey-settings-page';
import { SurveyTrendChart } from './survey-trend-chart';
import { surveyTrend, typesIn } from './survey-trend';
import './surveys.css';

type GroupBy = 'team' | 'agent' | 'inbox' | 'channel';
type Bucket = 'day' | 'week' | 'month';

interface ReportRow {
  period: string;
  group: string;
  type: 'csat' | 'nps' | 'ces';
  sent: number;
  responses: number;
  responseRate: number;
  score: number | null;
  average?: number | null;
  satisfiedPercent?: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  avgFirstResponseSeconds: number | null;
  avgResolutionSeconds: number | null;
  avgTransfers: number | null;
}

interface Report {
  rows: ReportRow[];
  groupNames: Record<string, string>;
}

const minutes = (s: number | null) => (s === null ? '—' : String(Math.round(s / 60)));

/** Supervisors' survey reports: scores over time by team, agent or channel, with what drives them, and detractor follow-ups. */
export function SurveyReportPage({ onOpen, onSettings }: { onOpen(conversationId: string): void; onSettings?(): void }) {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<GroupBy>('team');
  const [bucket, setBucket] = useState<Bucket>('week');
  const [days, setDays] = useState(30);
  const [report, setReport] = useState<Report | null>(null);
  const [recoveries, setRecoveries] = useState<SurveyRecoveryDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [trendType, setTrendType] = useState<SurveyType | null>(null);
  const types = useMemo(() => typesIn(report?.rows ?? []), [report]);
  const shownType = trendType && types.includes(trendType) ? trendType : types[0] ?? null;
  const trend = useMemo(() => (report && shownType ? surveyTrend(report.rows, shownType) : []), [report, shownType]);

  const query = useCallback(() => ({ groupBy, bucket, from: new Date(Date.now() - days * 86_400_000).toISOString() }), [groupBy, bucket, days]);

  const load = useCallback(() => {
    setError(null);
    Promise.all([http.get<Report>('/api/surveys/report', query()), http.get<SurveyRecoveryDto[]>('/api/surveys/recoveries', { limit: 100 })])
      .then(([r, rec]) => {
        setReport(r);
        setRecoveries(rec);
      })
      .catch((err: Error) => setError(err.message));
  }, [query]);

  useEffect(load, [load]);

  const exportCsv = async () => {
    try {
      const csv = await http.get<string>('/api/surveys/report.csv', query());
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `survey-report-${groupBy}-${bucket}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const complete = async (surveyId: string) => {
    const outcome = outcomes[surveyId]?.trim();
    if (!outcome) return;
    try {
      await http.post(`/api/surveys/recoveries/${encodeURIComponent(surveyId)}/outcome`, { outcome });
      load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  // Ids never reach the reader: teams, agents and inboxes by name, channels in the UI language.
  const name = (group: string) =>
    group === 'none' ? t(`details.survey.${groupBy === 'agent' ? 'noAgent' : groupBy === 'inbox' ? 'noInbox' : 'noTeam'}`)
    : groupBy === 'channel' ? t(`channel.${group}`, { defaultValue: group })
    : report?.groupNames[group] ?? group;

  return (
    <main className="surveys-page" data-testid="surveys-page">
      <SurveysTabs active="report" onSettings={onSettings} />
      <h1>{t('surveys.title')}</h1>
      <div className="surveys-filters">
        <label>
          {t('surveys.groupBy')}{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="surveys-group-by">
            <option value="team">{t('surveys.byTeam')}</option>
            <option value="agent">{t('surveys.byAgent')}</option>
            <option value="inbox">{t('details.survey.byInbox')}</option>
            <option value="channel">{t('surveys.byChannel')}</option>
          </select>
        </label>
        <label>
          {t('surveys.bucket')}{' '}
          <select value={bucket} onChange={(e) => setBucket(e.target.value as Bucket)}>
            <option value="day">{t('surveys.day')}</option>
            <option value="week">{t('surveys.week')}</option>
            <option value="month">{t('surveys.month')}</option>
          </select>
        </label>
        <label>
          {t('surveys.period')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>{t('surveys.lastDays', { count: d })}</option>
            ))}
          </select>
        </label>
        <button className="button" onClick={exportCsv} data-testid="surveys-export">{t('surveys.exportCsv')}</button>
      </div>
      {error && <p className="surveys-error" role="alert">{error}</p>}
      {report && report.rows.length === 0 && <p>{t('surveys.empty')}</p>}
      {report && shownType && (
        <section className="surveys-trend-section">
          <div className="surveys-trend-section__head">
            <h2>{t('surveys.trend')}</h2>
            {types.length > 1 && (
              <div className="segmented" role="tablist">
                {types.map((type) => (
                  <button key={type} role="tab" aria-selected={type === shownType} className={`segmented__option ${type === shownType ? 'is-active' : ''}`} onClick={() => setTrendType(type)}>
                    {type.toUpperCase()}
                  </button>
                ))}
              </div>
            )}
          </div>
          <SurveyTrendChart type={shownType} points={trend} />
        </section>
      )}
      {report && report.rows.length > 0 && (
        <table className="surveys-table" data-testid="surveys-report">
          <thead>
            <tr>
              <th>{t('surveys.periodColumn')}</th>
              <th>{t('surveys.group')}</th>
              <th>{t('surveys.type')}</th>
              <th>{t('surveys.score')}</th>
              <th>{t('surveys.responseRate')}</th>
              <th>{t('surveys.mix')}</th>
              <th>{t('surveys.firstResponse')}</th>
              <th>{t('surveys.resolution')}</th>
              <th>{t('surveys.transfers')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => {
              const total = r.promoters + r.passives + r.detractors || 1;
              return (
                <tr key={`${r.period}-${r.group}-${r.type}`}>
                  <td>{r.period}</td>
                  <td>{name(r.group)}</td>
                  <td>{r.type.toUpperCase()}</td>
                  <td><SurveyScoreCell row={r} /></td>
                  <td>{`${r.responseRate}% (${r.responses}/${r.sent})`}</td>
                  <td>
                    <span className="surveys-mix" title={`${r.promoters} / ${r.passives} / ${r.detractors}`}>
                      <span className="surveys-mix__promoters" style={{ width: `${(r.promoters / total) * 100}%` }} />
                      <span className="surveys-mix__passives" style={{ width: `${(r.passives / total) * 100}%` }} />
                      <span className="surveys-mix__detractors" style={{ width: `${(r.detractors / total) * 100}%` }} />
                    </span>
                  </td>
                  <td>{minutes(r.avgFirstResponseSeconds)}</td>
                  <td>{minutes(r.avgResolutionSeconds)}</td>
                  <td>{r.avgTransfers ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>{t('surveys.recoveries')}</h2>
      {recoveries.length === 0 && <p>{t('surveys.noRecoveries')}</p>}
      <ul className="surveys-recoveries" data-testid="surveys-recoveries">
        {recoveries.map((r) => (
          <li key={r.surveyId} className={`surveys-recovery surveys-recovery--${r.status}`}>
            <button className="button button--ghost" onClick={() => onOpen(r.conversationId)}>
              {`${r.customerName ?? t('surveys.customer')} · ${r.type.toUpperCase()} ${r.score}`}
            </button>
            {r.comment && <q>{r.comment}</q>}
            {r.cameBack && <span className="role-pill">{t('surveys.cameBack')}</span>}
            {r.status === 'done' ? (
              <span>{t('surveys.done', { outcome: r.outcome ?? '', who: r.doneBy ?? '' })}</span>
            ) : (
              <span>
                <input
                  value={outcomes[r.surveyId] ?? ''}
                  placeholder={t('surveys.outcomePlaceholder')}
                  onChange={(e) => setOutcomes({ ...outcomes, [r.surveyId]: e.target.value })}
                />
                <button className="button" onClick={() => complete(r.surveyId)}>{t('surveys.markDone')}</button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
