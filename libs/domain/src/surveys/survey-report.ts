import { inScale, isSatisfied, summarize, type SurveyType } from './survey-scoring';

export type ReportGroupBy = 'team' | 'agent' | 'inbox' | 'channel';
export const REPORT_GROUP_BYS: readonly ReportGroupBy[] = ['team', 'agent', 'inbox', 'channel'];
export type ReportBucket = 'day' | 'week' | 'month';

/** One survey sent, with its answer (if any) and the conversation's operational figures. */
export interface ReportInput {
  sentAt: Date;
  type: SurveyType;
  teamId: string | null;
  agentId: string | null;
  inboxId: string;
  channel: string;
  score: number | null;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  transfers: number;
}

export interface SurveyReportRow {
  period: string;
  group: string;
  type: SurveyType;
  sent: number;
  responses: number;
  /** % of sent surveys answered. */
  responseRate: number;
  /** CSAT: % satisfied (4–5); NPS: −100…100; CES: the average. Kept for old readers: `average` and `satisfiedPercent` say it plainly. */
  score: number | null;
  /** Mean answer on the type's own scale (CSAT 1–5, NPS 0–10, CES 1–7), one decimal; null without answers. */
  average: number | null;
  /** Share of answers that count as satisfied (CSAT 4–5, NPS 9–10, CES 1–3), in percent. */
  satisfiedPercent: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  avgFirstResponseSeconds: number | null;
  avgResolutionSeconds: number | null;
  avgTransfers: number | null;
}

/** The period a survey counts in, in UTC: `2026-11-24`, the Monday of its week, or `2026-11`. */
export function periodOf(at: Date, bucket: ReportBucket): string {
  const day = at.toISOString().slice(0, 10);
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/**
 * Scores over time per team, agent or channel, each row with the operational figures of the same
 * conversations (first response, resolution, transfers) so a reader can see what drives the score.
 */
export function buildSurveyReport(inputs: readonly ReportInput[], groupBy: ReportGroupBy, bucket: ReportBucket): SurveyReportRow[] {
  const groups = new Map<string, ReportInput[]>();
  for (const i of inputs) {
    const group = (groupBy === 'team' ? i.teamId : groupBy === 'agent' ? i.agentId : groupBy === 'inbox' ? i.inboxId : i.channel) ?? 'none';
    const key = [periodOf(i.sentAt, bucket), group, i.type].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const rows: SurveyReportRow[] = [];
  for (const [key, list] of groups) {
    const [period, group, type] = key.split('\u0000') as [string, string, SurveyType];
    const answered = list.filter((i) => i.score !== null);
    const scores = answered.map((i) => i.score!);
    const summary = summarize(type, scores);
    const valid = scores.filter((x) => inScale(type, x));
    rows.push({
      period, group, type, sent: list.length, responses: summary.responses,
      responseRate: Math.round((answered.length / list.length) * 1000) / 10,
      score: summary.score, average: avg(valid),
      satisfiedPercent: valid.length ? Math.round((valid.filter((x) => isSatisfied(type, x)).length / valid.length) * 1000) / 10 : null,
      promoters: summary.promoters, passives: summary.passives, detractors: summary.detractors,
      avgFirstResponseSeconds: avg(list.map((i) => i.firstResponseSeconds).filter((x): x is number => x !== null)),
      avgResolutionSeconds: avg(list.map((i) => i.resolutionSeconds).filter((x): x is number => x !== null)),
      avgTransfers: avg(list.map((i) => i.transfers)),
    });
  }
  return rows.sort((a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group) || a.type.localeCompare(b.type));
}

const CSV_COLUMNS: (keyof SurveyReportRow)[] = [
  'period', 'group', 'type', 'sent', 'responses', 'responseRate', 'score', 'average', 'satisfiedPercent', 'promoters', 'passives', 'detractors',
  'avgFirstResponseSeconds', 'avgResolutionSeconds', 'avgTransfers',
];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
export function surveyReportCsv(rows: readonly SurveyReportRow[], groupNames: ReadonlyMap<string, string> = new Map()): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@]/.test(s) && Number.isNaN(Number(s))) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => cell(c === 'group' ? groupNames.get(r.group) ?? r.group : r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
