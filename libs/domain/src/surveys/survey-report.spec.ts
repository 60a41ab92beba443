import { buildSurveyReport, periodOf, surveyReportCsv, type ReportInput } from './survey-report';

const at = (iso: string) => new Date(iso);
const input = (over: Partial<ReportInput>): ReportInput => ({
  sentAt: at('2026-11-24T10:00:00Z'), type: 'csat', teamId: 't1', agentId: 'a1', inboxId: 'i1', channel: 'sms', score: null,
  firstResponseSeconds: 60, resolutionSeconds: 600, transfers: 0, ...over,
});

describe('survey reports', () => {
  it('buckets by UTC day, Monday-based week and month', () => {
    expect(periodOf(at('2026-11-26T23:59:00Z'), 'day')).toBe('2026-11-26');
    expect(periodOf(at('2026-11-26T23:59:00Z'), 'week')).toBe('2026-11-23');
    expect(periodOf(at('2026-11-23T00:00:00Z'), 'week')).toBe('2026-11-23');
    expect(periodOf(at('2026-11-26T23:59:00Z'), 'month')).toBe('2026-11');
  });

  it('joins the score with response rate and operational figures per group', () => {
    const rows = buildSurveyReport([
      input({ score: 5, firstResponseSeconds: 30 }),
      input({ score: 2, firstResponseSeconds: 90, transfers: 2 }),
      input({ score: null }),
      input({ channel: 'webchat', score: 4 }),
    ], 'channel', 'day');
    expect(rows).toEqual([
      expect.objectContaining({ group: 'sms', sent: 3, responses: 2, responseRate: 66.7, score: 50, detractors: 1, avgFirstResponseSeconds: 60, avgTransfers: 0.7 }),
      expect.objectContaining({ group: 'webchat', sent: 1, responses: 1, responseRate: 100, score: 100 }),
    ]);
  });

  it('keeps the NPS mix of promoters, passives and detractors', () => {
    const [row] = buildSurveyReport([input({ type: 'nps', score: 10 }), input({ type: 'nps', score: 8 }), input({ type: 'nps', score: 3 })], 'team', 'week');
    expect(row).toMatchObject({ type: 'nps', promoters: 1, passives: 1, detractors: 1, score: 0 });
  });

  it('writes CSV with group names, quoting, and no spreadsheet formulas', () => {
    const rows = buildSurveyReport([input({ score: 5 })], 'team', 'day');
    const csv = surveyReportCsv(rows, new Map([['t1', '=HYPERLINK("x"), Sales']]));
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toBe('period,group,type,sent,responses,responseRate,score,average,satisfiedPercent,promoters,passives,detractors,avgFirstResponseSeconds,avgResolutionSeconds,avgTransfers');
    expect(line).toBe(`2026-11-24,"'=HYPERLINK(""x""), Sales",csat,1,1,100,100,5,100,1,0,0,60,600,0`);
  });

  it('reports a single CSAT 2 as average 2.0 and 0 % satisfied, not a bare score of 0', () => {
    const [row] = buildSurveyReport([input({ score: 2 })], 'team', 'week');
    expect(row).toMatchObject({ type: 'csat', responses: 1, average: 2, satisfiedPercent: 0, detractors: 1 });
  });

  it('averages every type on its own scale and counts the satisfied share', () => {
    const rows = buildSurveyReport([
      input({ score: 5 }), input({ score: 4 }), input({ score: 1 }),
      input({ type: 'nps', score: 10 }), input({ type: 'nps', score: 3 }),
      input({ type: 'ces', score: 2 }), input({ type: 'ces', score: 6 }),
    ], 'channel', 'month');
    expect(rows.find((r) => r.type === 'csat')).toMatchObject({ average: 3.3, satisfiedPercent: 66.7, score: 66.7 });
    expect(rows.find((r) => r.type === 'nps')).toMatchObject({ average: 6.5, satisfiedPercent: 50, score: 0, promoters: 1, detractors: 1 });
    expect(rows.find((r) => r.type === 'ces')).toMatchObject({ average: 4, satisfiedPercent: 50 });
  });

  it('groups by inbox', () => {
    const rows = buildSurveyReport([input({ inboxId: 'почта', score: 5 }), input({ inboxId: 'чат', score: 1 })], 'inbox', 'day');
    expect(rows.map((r) => [r.group, r.average])).toEqual([['почта', 5], ['чат', 1]]);
  });
});
