import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES, ROUTING_STRATEGIES, type AgentDto, type BusinessCalendarDto, type Priority, type RoutingRuleDto, type RoutingStrategy, type SlaPolicyDto,
  type SlaTargets, type TeamDto, type WeeklyInterval, type XlaPolicyDto,
} from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { routingApi } from '../sla/routing-api';
import '../sla/sla.css';
import {
  formatHours, formatTarget, isTimeZone, parseHolidays, parseMinutes, parseWhole, weekdayNames, WEEK_ORDER, type TargetUnits,
} from './teams-form-rules';

interface Data {
  teams: TeamDto[];
  agents: AgentDto[];
  rules: RoutingRuleDto[];
  policies: SlaPolicyDto[];
  calendars: BusinessCalendarDto[];
  xla: XlaPolicyDto[];
}

type Submit<T> = (body: T) => Promise<unknown>;
type Status = { kind: 'ok' | 'error'; text: string } | null;

/** One form's outcome, shown under its button: a localized check failed, the server said no, or it was saved. */
function useFormStatus() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const fail = (text: string) => setStatus({ kind: 'error', text });
  /** Resolves true when saved. */
  const submit = (p: Promise<unknown>): Promise<boolean> => {
    setStatus(null);
    return p.then(
      () => {
        setStatus({ kind: 'ok', text: t('teams.saved') });
        clearTimeout(timer.current ?? undefined);
        timer.current = setTimeout(() => setStatus(null), 4000);
        return true;
      },
      (err: Error) => {
        setStatus({ kind: 'error', text: t('teams.saveFailed', { message: err.message }) });
        return false;
      },
    );
  };
  return { status, fail, submit };
}

function FormStatus({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p className={status.kind === 'error' ? 'form-error' : 'form-ok'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid={`form-${status.kind}`}>
      {status.text}
    </p>
  );
}

function useTargetUnits(): TargetUnits {
  const { t } = useTranslation();
  return { d: t('sla.units.d'), h: t('sla.units.h'), m: t('sla.units.m'), s: t('sla.units.s') };
}

/** Supervisor and admin screens: teams and members, agents' capacity and skills, rules, SLA/XLA policies, calendars. */
export function TeamsAdminPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useTargetUnits();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([routingApi.teams(), routingApi.agents(), routingApi.rules(), routingApi.policies(), routingApi.calendars(), routingApi.xlaPolicies()])
      .then(([teams, agents, rules, policies, calendars, xla]) => {
        setData({ teams, agents, rules, policies, calendars, xla });
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(load, [load]);

  /** Saves, then reloads the lists; a rejection reaches the form that asked. */
  const save = (p: Promise<unknown>) => p.then((res) => (load(), res));
  const remove = (question: string, p: () => Promise<unknown>) => {
    if (!window.confirm(question)) return;
    p().then(load, (err: Error) => setError(t('teams.saveFailed', { message: err.message })));
  };

  if (!data) return <main className="ops-page">{error ? <p className="form-error">{error}</p> : <p className="muted">{t('common.loading')}</p>}</main>;
  const teamName = (id: string | null) => data.teams.find((x) => x.id === id)?.name ?? '—';
  const agentName = (id: string) => data.agents.find((x) => x.id === id)?.name ?? '—';
  const policyName = (id: string | null) => (id ? data.policies.find((p) => p.id === id)?.name : null) ?? t('teams.defaultPolicy');
  const days = weekdayNames(locale, 'short');

  return (
    <main className="ops-page" data-testid="teams-admin-page">
      <h1>{t('teams.title')}</h1>
      <p className="ops-page__lead muted">{t('teams.lead')}</p>
      {error && <p className="form-error" role="alert" data-testid="teams-error">{error}</p>}
      <div className="ops-grid">
        <Section title={t('teams.teams')} hint={t('teams.teamsHint')}>
          <TeamForm agents={data.agents} teams={data.teams} policies={data.policies} onSubmit={(body) => save(routingApi.createTeam(body))} />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.teams.length === 0 && <li className="ops-list__empty muted">{t('teams.noTeams')}</li>}
            {data.teams.map((team) => (
              <li key={team.id} data-testid="team-row">
                <span className="grow">
                  <strong>{team.name}</strong> · {t(`teams.strategy.${team.strategy}`)} ·{' '}
                  <span title={team.memberIds.map(agentName).join(', ')}>{t('teams.memberCount', { count: team.memberIds.length })}</span> · {t('teams.slaOf', { name: policyName(team.slaPolicyId) })}
                  {team.overflowTeamId && ` · ${t('teams.overflowTo', { team: teamName(team.overflowTeamId), minutes: team.overflowAfterMinutes })}`}
                </span>
                <button className="button button--ghost button--small" onClick={() => remove(t('teams.confirmDeleteTeam', { name: team.name }), () => routingApi.deleteTeam(team.id))}>
                  {t('teams.delete')}
                </button>
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.agents')} hint={t('teams.agentsHint')}>
          <ul className="ops-list ops-list--static">
            {data.agents.map((a) => <AgentRow key={a.id} agent={a} onSave={(body) => save(routingApi.updateAgent(a.id, body))} />)}
          </ul>
        </Section>

        <Section title={t('teams.rules')} hint={t('teams.rulesHint')}>
          <RuleForm teams={data.teams} onSubmit={(body) => save(routingApi.addRule(body))} />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.rules.length === 0 && <li className="ops-list__empty muted">{t('teams.noRules')}</li>}
            {data.rules.map((r) => (
              <li key={r.id} data-testid="rule-row">
                <span className="grow">
                  {r.position}. {[r.language && `${t('teams.language')}: ${t(`teams.languages.${r.language}`, { defaultValue: r.language })}`, r.keywords.length && `${t('teams.keywords')}: ${r.keywords.join(', ')}`].filter(Boolean).join(' · ') || t('teams.everything')} → <strong>{teamName(r.teamId)}</strong>
                </span>
                <button className="button button--ghost button--small" onClick={() => remove(t('teams.confirmDeleteRule'), () => routingApi.deleteRule(r.id))}>
                  {t('teams.delete')}
                </button>
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.policies')} hint={t('teams.policiesHint')}>
          <PolicyForm calendars={data.calendars} onSubmit={(body) => save(routingApi.createPolicy(body))} />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.policies.length === 0 && <li className="ops-list__empty muted">{t('teams.noPolicies')}</li>}
            {data.policies.map((p) => (
              <li key={p.id} data-testid="policy-row">
                <span className="grow">
                  <strong>{p.name}</strong>
                  {p.isDefault ? ` (${t('teams.default')})` : ''} · {data.calendars.find((c) => c.id === p.calendarId)?.name ?? t('teams.allDay')} · {t('teams.warnAt', { percent: p.warnAtPercent })}
                  <br />
                  <span className="muted small">
                    {t('teams.targetsSummary', {
                      first: formatTarget(p.targets.normal?.firstResponseSeconds ?? null, units),
                      next: formatTarget(p.targets.normal?.nextResponseSeconds ?? null, units),
                      resolution: formatTarget(p.targets.normal?.resolutionSeconds ?? null, units),
                    })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.calendars')} hint={t('teams.calendarsHint')}>
          <CalendarForm onSubmit={(body) => save(routingApi.createCalendar(body))} />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.calendars.length === 0 && <li className="ops-list__empty muted">{t('teams.noCalendars')}</li>}
            {data.calendars.map((c) => (
              <li key={c.id} data-testid="calendar-row">
                <span className="grow">
                  <strong>{c.name}</strong> · {c.timeZone} · {t('teams.holidayCount', { count: c.holidays.length })}
                  <br />
                  <span className="muted small">{formatHours(c.hours, days)}</span>
                </span>
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.xla')} hint={t('teams.xlaHint')}>
          <XlaForm current={data.xla.find((x) => x.teamId === null) ?? null} onSubmit={(body) => save(routingApi.saveXlaPolicy(body))} />
        </Section>
      </div>
    </main>
  );
}

function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section className="card">
      <div className="card__header card__header--stacked">
        <h2>{title}</h2>
        <p className="muted small">{hint}</p>
      </div>
      {children}
    </section>
  );
}

function TeamForm({ agents, teams, policies, onSubmit }: { agents: AgentDto[]; teams: TeamDto[]; policies: SlaPolicyDto[]; onSubmit: Submit<Partial<TeamDto>> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<RoutingStrategy>('round_robin');
  const [members, setMembers] = useState<string[]>([]);
  const [overflowTeamId, setOverflowTeamId] = useState('');
  const [overflowAfter, setOverflowAfter] = useState('');
  const [slaPolicyId, setSlaPolicyId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    const minutes = overflowAfter.trim() === '' ? null : parseWhole(overflowAfter, 1, 10080);
    if (minutes === undefined) return form.fail(t('teams.errors.whole', { field: t('teams.overflowAfter'), min: 1, max: 10080 }));
    if (!!overflowTeamId !== (minutes !== null)) return form.fail(t('teams.errors.overflowPair'));
    void form
      .submit(onSubmit({ name: name.trim(), strategy, memberIds: members, overflowTeamId: overflowTeamId || null, overflowAfterMinutes: minutes, slaPolicyId: slaPolicyId || null }))
      .then((ok) => {
        if (!ok) return;
        setName('');
        setMembers([]);
        setOverflowTeamId('');
        setOverflowAfter('');
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="team-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.teamPlaceholder')} data-testid="team-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.strategyLabel')}</span>
        <select className="select" value={strategy} onChange={(e) => setStrategy(e.target.value as RoutingStrategy)}>
          {ROUTING_STRATEGIES.map((s) => <option key={s} value={s}>{t(`teams.strategy.${s}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.overflowTeam')}</span>
        <select className="select" value={overflowTeamId} onChange={(e) => setOverflowTeamId(e.target.value)}>
          <option value="">{t('teams.noOverflow')}</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.overflowAfter')}</span><input inputMode="numeric" value={overflowAfter} onChange={(e) => setOverflowAfter(e.target.value)} data-testid="team-overflow-after" /></label>
      <label className="field">
        <span className="field__label">{t('teams.policy')}</span>
        <select className="select" value={slaPolicyId} onChange={(e) => setSlaPolicyId(e.target.value)} data-testid="team-policy">
          <option value="">{t('teams.defaultPolicy')}</option>
          {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <fieldset className="field checklist">
        <legend className="field__label">{t('teams.members')}</legend>
        {agents.map((a) => (
          <label key={a.id} className="checklist__item">
            <input type="checkbox" checked={members.includes(a.id)} onChange={(e) => setMembers((m) => (e.target.checked ? [...m, a.id] : m.filter((x) => x !== a.id)))} />
            {a.name}
          </label>
        ))}
      </fieldset>
      <div className="admin-form__footer">
        <button className="button button--primary button--small" type="submit" data-testid="team-create">{t('teams.create')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}

function AgentRow({ agent, onSave }: { agent: AgentDto; onSave: Submit<{ capacity: number; skills: string[] }> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const save = () => {
    const value = parseWhole(capacity, 0, 1000);
    if (value === undefined || value === null) return form.fail(t('teams.errors.whole', { field: t('teams.capacity'), min: 0, max: 1000 }));
    void form.submit(onSave({ capacity: value, skills: skills.split(',').map((s) => s.trim()).filter(Boolean) }));
  };
  return (
    <li className="agent-row" data-testid="agent-row">
      <div className="agent-row__who">
        <span className={`presence-dot presence-dot--${agent.status}`} aria-hidden="true" />
        <strong>{agent.name}</strong>
        <span className="muted small">
          {t(`presence.${agent.status}`)} · {t('teams.loadOf', { load: agent.load, capacity: agent.capacity })}
        </span>
      </div>
      <div className="agent-row__edit">
        <label className="field">
          <span className="field__label">{t('teams.capacity')}</span>
          <input inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="agent-capacity" />
        </label>
        <label className="field agent-row__skills">
          <span className="field__label">{t('teams.skills')}</span>
          <input value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="lang:ru, channel:email, tag:vip" />
        </label>
        <button className="button button--small" onClick={save} data-testid="agent-save">{t('teams.save')}</button>
      </div>
      <FormStatus status={form.status} />
    </li>
  );
}

function RuleForm({ teams, onSubmit }: { teams: TeamDto[]; onSubmit: Submit<{ teamId: string; language: string | null; keywords: string[] }> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [teamId, setTeamId] = useState('');
  const [language, setLanguage] = useState('');
  const [keywords, setKeywords] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!teamId) return form.fail(t('teams.errors.teamRequired'));
    void form.submit(onSubmit({ teamId, language: language || null, keywords: keywords.split(',').map((k) => k.trim()).filter(Boolean) })).then((ok) => ok && setKeywords(''));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="rule-form">
      <label className="field">
        <span className="field__label">{t('teams.team')}</span>
        <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{teams.length ? t('teams.chooseTeam') : t('teams.noTeams')}</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.language')}</span>
        <select className="select" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">{t('teams.anyLanguage')}</option>
          <option value="ru">{t('teams.languages.ru')}</option>
          <option value="en">{t('teams.languages.en')}</option>
        </select>
      </label>
      <label className="field admin-form__wide"><span className="field__label">{t('teams.keywords')}</span><input value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder={t('teams.keywordsPlaceholder')} /></label>
      <div className="admin-form__footer">
        <button className="button button--primary button--small" type="submit">{t('teams.addRule')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}

const TARGET_KEYS = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const;
const TARGET_LABEL: Record<(typeof TARGET_KEYS)[number], string> = { firstResponseSeconds: 'firstResponse', nextResponseSeconds: 'nextResponse', resolutionSeconds: 'resolution' };
/** Starting grid, in minutes: the more urgent, the shorter. */
const DEFAULT_GRID: Record<Priority, [string, string, string]> = {
  low: ['240', '480', '4320'], normal: ['60', '120', '1440'], high: ['30', '60', '480'], urgent: ['15', '30', '240'],
};

function PolicyForm({ calendars, onSubmit }: { calendars: BusinessCalendarDto[]; onSubmit: Submit<Partial<SlaPolicyDto>> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [name, setName] = useState('');
  const [calendarId, setCalendarId] = useState('');
  const [warnAt, setWarnAt] = useState('80');
  const [isDefault, setIsDefault] = useState(false);
  const [grid, setGrid] = useState<Record<Priority, Record<keyof SlaTargets, string>>>(() =>
    Object.fromEntries(PRIORITIES.map((p) => [p, Object.fromEntries(TARGET_KEYS.map((k, i) => [k, DEFAULT_GRID[p][i]]))])) as never,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    const warn = parseWhole(warnAt, 1, 99);
    if (warn === undefined || warn === null) return form.fail(t('teams.errors.whole', { field: t('teams.warnAtLabel'), min: 1, max: 99 }));
    const targets = {} as Record<Priority, SlaTargets>;
    let any = false;
    for (const p of PRIORITIES) {
      targets[p] = { firstResponseSeconds: null, nextResponseSeconds: null, resolutionSeconds: null };
      for (const k of TARGET_KEYS) {
        const minutes = parseMinutes(grid[p][k]);
        if (minutes === undefined) return form.fail(t('teams.errors.target', { priority: t(`priority.${p}`), target: t(`teams.${TARGET_LABEL[k]}`) }));
        targets[p][k] = minutes === null ? null : Math.round(minutes * 60);
        any ||= minutes !== null;
      }
    }
    if (!any) return form.fail(t('teams.errors.noTargets'));
    void form
      .submit(onSubmit({ name: name.trim(), calendarId: calendarId || null, warnAtPercent: warn, isDefault, targets, escalation: { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] } }))
      .then((ok) => ok && setName(''));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="policy-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.policyPlaceholder')} data-testid="policy-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.calendar')}</span>
        <select className="select" value={calendarId} onChange={(e) => setCalendarId(e.target.value)} data-testid="policy-calendar">
          <option value="">{t('teams.allDay')}</option>
          {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.warnAtLabel')}</span><input inputMode="numeric" value={warnAt} onChange={(e) => setWarnAt(e.target.value)} data-testid="policy-warn" /></label>
      <label className="checklist__item admin-form__check"><input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />{t('teams.defaultLabel')}</label>
      <div className="admin-form__wide targets">
        <table className="table targets__table">
          <thead><tr><th>{t('teams.priority')}</th>{TARGET_KEYS.map((k) => <th key={k}>{t(`teams.${TARGET_LABEL[k]}`)}</th>)}</tr></thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <td>{t(`priority.${p}`)}</td>
                {TARGET_KEYS.map((k) => (
                  <td key={k}>
                    <input
                      inputMode="decimal"
                      value={grid[p][k]}
                      onChange={(e) => setGrid((g) => ({ ...g, [p]: { ...g[p], [k]: e.target.value } }))}
                      aria-label={`${t(`priority.${p}`)}: ${t(`teams.${TARGET_LABEL[k]}`)}`}
                      data-testid={`target-${p}-${k}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('teams.minutesHint')}</p>
      </div>
      <div className="admin-form__footer">
        <button className="button button--primary button--small" type="submit" data-testid="policy-create">{t('teams.createPolicy')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}

interface DayRow {
  open: boolean;
  start: string;
  end: string;
}

function CalendarForm({ onSubmit }: { onSubmit: Submit<Omit<BusinessCalendarDto, 'id'>> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useFormStatus();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<DayRow[]>(() => Array.from({ length: 7 }, (_, day) => ({ open: day >= 1 && day <= 5, start: '09:00', end: '18:00' })));
  const [holidays, setHolidays] = useState('');
  const zones = useTimeZones();
  const days = weekdayNames(locale, 'short');
  const setDay = (day: number, change: Partial<DayRow>) => setWeek((w) => w.map((row, i) => (i === day ? { ...row, ...change } : row)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    if (!isTimeZone(timeZone.trim())) return form.fail(t('teams.errors.timeZone', { zone: timeZone }));
    const hours: WeeklyInterval[] = [];
    for (const day of WEEK_ORDER) {
      const row = week[day];
      if (!row.open) continue;
      if (!/^\d{2}:\d{2}$/.test(row.start) || !/^\d{2}:\d{2}$/.test(row.end) || row.start === row.end) return form.fail(t('teams.errors.dayHours', { day: days[day] }));
      hours.push({ day, start: row.start, end: row.end });
    }
    if (!hours.length) return form.fail(t('teams.errors.noOpenDays'));
    const dates = parseHolidays(holidays);
    if (!dates) return form.fail(t('teams.errors.holidays'));
    void form.submit(onSubmit({ name: name.trim(), timeZone: timeZone.trim(), hours, holidays: dates })).then((ok) => ok && setName(''));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="calendar-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.calendarPlaceholder')} data-testid="calendar-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.timeZone')}</span>
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} list="parley-time-zones" data-testid="calendar-zone" />
        <datalist id="parley-time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
      </label>
      <fieldset className="field admin-form__wide week">
        <legend className="field__label">{t('teams.hours')}</legend>
        {WEEK_ORDER.map((day) => (
          <div key={day} className={`week__day ${week[day].open ? '' : 'is-closed'}`} data-testid="calendar-day">
            <label className="checklist__item">
              <input type="checkbox" checked={week[day].open} onChange={(e) => setDay(day, { open: e.target.checked })} />
              {days[day]}
            </label>
            {week[day].open ? (
              <span className="week__hours">
                <input type="time" value={week[day].start} onChange={(e) => setDay(day, { start: e.target.value })} aria-label={`${days[day]}: ${t('teams.opens')}`} />
                –
                <input type="time" value={week[day].end} onChange={(e) => setDay(day, { end: e.target.value })} aria-label={`${days[day]}: ${t('teams.closes')}`} />
              </span>
            ) : (
              <span className="muted small">{t('teams.closed')}</span>
            )}
          </div>
        ))}
        <p className="muted small">{t('teams.hoursHint')}</p>
      </fieldset>
      <label className="field admin-form__wide">
        <span className="field__label">{t('teams.holidays')}</span>
        <input value={holidays} onChange={(e) => setHolidays(e.target.value)} placeholder="2026-12-31, 2027-01-01" data-testid="calendar-holidays" />
      </label>
      <div className="admin-form__footer">
        <button className="button button--primary button--small" type="submit" data-testid="calendar-create">{t('teams.createCalendar')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}

function useTimeZones(): string[] {
  const [zones] = useState<string[]>(() => {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    try {
      return intl.supportedValuesOf?.('timeZone') ?? [];
    } catch {
      return [];
    }
  });
  return zones;
}

function XlaForm({ current, onSubmit }: { current: XlaPolicyDto | null; onSubmit: Submit<Partial<XlaPolicyDto>> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const [negative, setNegative] = useState(str(current?.negativeReplyMinutes));
  const [transfers, setTransfers] = useState(str(current?.maxTransfers));
  const [repeat, setRepeat] = useState(str(current?.repeatContactDays ?? 7));
  const [csat, setCsat] = useState(str(current?.csatTargetPercent));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = [
      [negative, 1, 10080, 'negativeReply'],
      [transfers, 0, 100, 'maxTransfers'],
      [repeat, 1, 365, 'repeatDays'],
      [csat, 0, 100, 'csatTarget'],
    ] as const;
    const values: (number | null)[] = [];
    for (const [text, min, max, label] of fields) {
      const v = text.trim() === '' ? null : parseWhole(text, min, max);
      if (v === undefined) return form.fail(t('teams.errors.whole', { field: t(`teams.${label}`), min, max }));
      values.push(v);
    }
    void form.submit(onSubmit({ teamId: null, negativeReplyMinutes: values[0], maxTransfers: values[1], repeatContactDays: values[2], csatTargetPercent: values[3] }));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="xla-form">
      <label className="field"><span className="field__label">{t('teams.negativeReply')}</span><input inputMode="numeric" value={negative} onChange={(e) => setNegative(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.maxTransfers')}</span><input inputMode="numeric" value={transfers} onChange={(e) => setTransfers(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.repeatDays')}</span><input inputMode="numeric" value={repeat} onChange={(e) => setRepeat(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.csatTarget')}</span><input inputMode="numeric" value={csat} onChange={(e) => setCsat(e.target.value)} /></label>
      <p className="muted small admin-form__wide">{t('teams.xlaEmptyHint')}</p>
      <div className="admin-form__footer">
        <button className="button button--primary button--small" type="submit" data-testid="xla-save">{t('teams.save')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}
