import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRIORITIES, ROUTING_STRATEGIES, type AgentDto, type BusinessCalendarDto, type Priority, type RoutingRuleDto, type RoutingStrategy, type SlaPolicyDto,
  type SlaTargets, type TeamDto, type XlaPolicyDto,
} from '@parley/contracts';
import { routingApi } from '../sla/routing-api';
import { parseHours } from '../sla/sla-countdown-format';
import '../sla/sla.css';

interface Data {
  teams: TeamDto[];
  agents: AgentDto[];
  rules: RoutingRuleDto[];
  policies: SlaPolicyDto[];
  calendars: BusinessCalendarDto[];
  xla: XlaPolicyDto[];
}

const minutes = (v: string): number | null => (v.trim() === '' ? null : Math.round(Number(v) * 60));

/** Supervisor and admin screens: teams and members, agents' capacity and skills, rules, SLA/XLA policies, calendars. */
export function TeamsAdminPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([routingApi.teams(), routingApi.agents(), routingApi.rules(), routingApi.policies(), routingApi.calendars(), routingApi.xlaPolicies()])
      .then(([teams, agents, rules, policies, calendars, xla]) => setData({ teams, agents, rules, policies, calendars, xla }))
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(load, [load]);

  const run = (p: Promise<unknown>) =>
    p.then(() => {
      setError(null);
      load();
    }, (err: Error) => setError(err.message));

  if (!data) return <main className="ops-page">{error ? <p className="form-error">{error}</p> : <p className="muted">{t('common.loading')}</p>}</main>;
  const teamName = (id: string | null) => data.teams.find((x) => x.id === id)?.name ?? '—';

  return (
    <main className="ops-page" data-testid="teams-admin-page">
      <h1>{t('teams.title')}</h1>
      {error && <p className="form-error" data-testid="teams-error">{error}</p>}
      <div className="ops-grid">
        <section className="card">
          <div className="card__header"><h2>{t('teams.teams')}</h2></div>
          <TeamForm agents={data.agents} teams={data.teams} policies={data.policies} onSubmit={(body) => run(routingApi.createTeam(body))} />
          <ul className="ops-list">
            {data.teams.map((team) => (
              <li key={team.id} data-testid="team-row">
                <span className="grow">
                  <strong>{team.name}</strong> · {t(`teams.strategy.${team.strategy}`)} · {t('teams.memberCount', { count: team.memberIds.length })}
                  {team.overflowTeamId && ` · ${t('teams.overflowTo', { team: teamName(team.overflowTeamId), minutes: team.overflowAfterMinutes })}`}
                </span>
                <button className="button button--ghost button--small" onClick={() => run(routingApi.deleteTeam(team.id))}>{t('teams.delete')}</button>
              </li>
            ))}
          </ul>
        </section>

        <section className="card">
          <div className="card__header"><h2>{t('teams.agents')}</h2></div>
          <ul className="ops-list">
            {data.agents.map((a) => <AgentRow key={a.id} agent={a} onSave={(body) => run(routingApi.updateAgent(a.id, body))} />)}
          </ul>
        </section>

        <section className="card">
          <div className="card__header"><h2>{t('teams.rules')}</h2></div>
          <RuleForm teams={data.teams} onSubmit={(body) => run(routingApi.addRule(body))} />
          <ul className="ops-list">
            {data.rules.map((r) => (
              <li key={r.id}>
                <span className="grow">
                  {r.position}. {[r.language && `${t('teams.language')}: ${r.language}`, r.keywords.length && `${t('teams.keywords')}: ${r.keywords.join(', ')}`].filter(Boolean).join(' · ') || t('teams.everything')} → {teamName(r.teamId)}
                </span>
                <button className="button button--ghost button--small" onClick={() => run(routingApi.deleteRule(r.id))}>{t('teams.delete')}</button>
              </li>
            ))}
          </ul>
        </section>

        <section className="card">
          <div className="card__header"><h2>{t('teams.policies')}</h2></div>
          <PolicyForm calendars={data.calendars} onSubmit={(body) => run(routingApi.createPolicy(body))} />
          <ul className="ops-list">
            {data.policies.map((p) => (
              <li key={p.id}>
                <span className="grow">
                  <strong>{p.name}</strong>{p.isDefault ? ` (${t('teams.default')})` : ''} · {t('teams.warnAt', { percent: p.warnAtPercent })} · {data.calendars.find((c) => c.id === p.calendarId)?.name ?? t('teams.allDay')}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section className="card">
          <div className="card__header"><h2>{t('teams.calendars')}</h2></div>
          <CalendarForm onSubmit={(body) => run(routingApi.createCalendar(body))} onInvalid={() => setError(t('teams.badHours'))} />
          <ul className="ops-list">
            {data.calendars.map((c) => (
              <li key={c.id}><span className="grow"><strong>{c.name}</strong> · {c.timeZone} · {t('teams.holidayCount', { count: c.holidays.length })}</span></li>
            ))}
          </ul>
        </section>

        <section className="card">
          <div className="card__header"><h2>{t('teams.xla')}</h2></div>
          <XlaForm current={data.xla.find((x) => x.teamId === null) ?? null} onSubmit={(body) => run(routingApi.saveXlaPolicy(body))} />
        </section>
      </div>
    </main>
  );
}

function TeamForm({ agents, teams, policies, onSubmit }: { agents: AgentDto[]; teams: TeamDto[]; policies: SlaPolicyDto[]; onSubmit(body: Partial<TeamDto>): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<RoutingStrategy>('round_robin');
  const [members, setMembers] = useState<string[]>([]);
  const [overflowTeamId, setOverflowTeamId] = useState('');
  const [overflowAfter, setOverflowAfter] = useState('');
  const [slaPolicyId, setSlaPolicyId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      name, strategy, memberIds: members, overflowTeamId: overflowTeamId || null,
      overflowAfterMinutes: overflowAfter ? Number(overflowAfter) : null, slaPolicyId: slaPolicyId || null,
    });
    setName('');
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="team-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label className="field">
        <span className="field__label">{t('teams.strategyLabel')}</span>
        <select className="select" value={strategy} onChange={(e) => setStrategy(e.target.value as RoutingStrategy)}>
          {ROUTING_STRATEGIES.map((s) => <option key={s} value={s}>{t(`teams.strategy.${s}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.overflowTeam')}</span>
        <select className="select" value={overflowTeamId} onChange={(e) => setOverflowTeamId(e.target.value)}>
          <option value="">—</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.overflowAfter')}</span><input type="number" min={1} value={overflowAfter} onChange={(e) => setOverflowAfter(e.target.value)} /></label>
      <label className="field">
        <span className="field__label">{t('teams.policy')}</span>
        <select className="select" value={slaPolicyId} onChange={(e) => setSlaPolicyId(e.target.value)}>
          <option value="">{t('teams.defaultPolicy')}</option>
          {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <fieldset className="field">
        <span className="field__label">{t('teams.members')}</span>
        {agents.map((a) => (
          <label key={a.id} className="field--inline">
            <input type="checkbox" checked={members.includes(a.id)} onChange={(e) => setMembers((m) => (e.target.checked ? [...m, a.id] : m.filter((x) => x !== a.id)))} />
            {a.name}
          </label>
        ))}
      </fieldset>
      <button className="button button--primary button--small" type="submit">{t('teams.create')}</button>
    </form>
  );
}

function AgentRow({ agent, onSave }: { agent: AgentDto; onSave(body: { capacity: number; skills: string[] }): void }) {
  const { t } = useTranslation();
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [skills, setSkills] = useState(agent.skills.join(', '));
  return (
    <li data-testid="agent-row">
      <span className={`presence-dot presence-dot--${agent.status}`} title={t(`presence.${agent.status}`)} />
      <span className="grow">{agent.name} <span className="muted small">{agent.load}/{agent.capacity}</span></span>
      <input className="select select--compact" style={{ width: 60 }} type="number" min={0} value={capacity} onChange={(e) => setCapacity(e.target.value)} aria-label={t('teams.capacity')} />
      <input className="select select--compact" value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="lang:ru, channel:email" aria-label={t('teams.skills')} />
      <button className="button button--small" onClick={() => onSave({ capacity: Number(capacity), skills: skills.split(',').map((s) => s.trim()).filter(Boolean) })}>
        {t('teams.save')}
      </button>
    </li>
  );
}

function RuleForm({ teams, onSubmit }: { teams: TeamDto[]; onSubmit(body: { teamId: string; language: string | null; keywords: string[] }): void }) {
  const { t } = useTranslation();
  const [teamId, setTeamId] = useState('');
  const [language, setLanguage] = useState('');
  const [keywords, setKeywords] = useState('');
  return (
    <form className="admin-form" onSubmit={(e) => { e.preventDefault(); onSubmit({ teamId, language: language || null, keywords: keywords.split(',').map((k) => k.trim()).filter(Boolean) }); }}>
      <label className="field">
        <span className="field__label">{t('teams.team')}</span>
        <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)} required>
          <option value="">—</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.language')}</span>
        <select className="select" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">—</option><option value="ru">ru</option><option value="en">en</option>
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.keywords')}</span><input value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder="refund, возврат" /></label>
      <button className="button button--primary button--small" type="submit">{t('teams.addRule')}</button>
    </form>
  );
}

function PolicyForm({ calendars, onSubmit }: { calendars: BusinessCalendarDto[]; onSubmit(body: Partial<SlaPolicyDto>): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [calendarId, setCalendarId] = useState('');
  const [warnAt, setWarnAt] = useState('80');
  const [isDefault, setIsDefault] = useState(false);
  const [grid, setGrid] = useState<Record<Priority, Record<keyof SlaTargets, string>>>(() =>
    Object.fromEntries(PRIORITIES.map((p) => [p, { firstResponseSeconds: '60', nextResponseSeconds: '120', resolutionSeconds: '1440' }])) as never,
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const targets = Object.fromEntries(PRIORITIES.map((p) => [p, {
      firstResponseSeconds: minutes(grid[p].firstResponseSeconds), nextResponseSeconds: minutes(grid[p].nextResponseSeconds), resolutionSeconds: minutes(grid[p].resolutionSeconds),
    }])) as Record<Priority, SlaTargets>;
    onSubmit({ name, calendarId: calendarId || null, warnAtPercent: Number(warnAt), isDefault, targets, escalation: { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] } });
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="policy-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label className="field">
        <span className="field__label">{t('teams.calendar')}</span>
        <select className="select" value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
          <option value="">{t('teams.allDay')}</option>
          {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.warnAtLabel')}</span><input type="number" min={1} max={99} value={warnAt} onChange={(e) => setWarnAt(e.target.value)} /></label>
      <label className="field--inline"><input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />{t('teams.default')}</label>
      <table className="table" style={{ gridColumn: '1 / -1' }}>
        <thead><tr><th /><th>{t('teams.firstResponse')}</th><th>{t('teams.nextResponse')}</th><th>{t('teams.resolution')}</th></tr></thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <td>{t(`priority.${p}`)}</td>
              {(['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const).map((k) => (
                <td key={k}><input style={{ width: 70 }} value={grid[p][k]} onChange={(e) => setGrid((g) => ({ ...g, [p]: { ...g[p], [k]: e.target.value } }))} aria-label={`${p} ${k}`} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('teams.minutesHint')}</p>
      <button className="button button--primary button--small" type="submit">{t('teams.createPolicy')}</button>
    </form>
  );
}

function CalendarForm({ onSubmit, onInvalid }: { onSubmit(body: Omit<BusinessCalendarDto, 'id'>): void; onInvalid(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [hours, setHours] = useState('1 09:00-18:00\n2 09:00-18:00\n3 09:00-18:00\n4 09:00-18:00\n5 09:00-18:00');
  const [holidays, setHolidays] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseHours(hours);
    if (!parsed) return onInvalid();
    onSubmit({ name, timeZone, hours: parsed, holidays: holidays.split(/[\s,]+/).filter(Boolean) });
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="calendar-form">
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label className="field"><span className="field__label">{t('teams.timeZone')}</span><input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required /></label>
      <label className="field"><span className="field__label">{t('teams.hours')}</span><textarea rows={5} value={hours} onChange={(e) => setHours(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.holidays')}</span><textarea rows={5} value={holidays} onChange={(e) => setHolidays(e.target.value)} placeholder="2026-01-01, 2026-05-09" /></label>
      <p className="muted small">{t('teams.hoursHint')}</p>
      <button className="button button--primary button--small" type="submit">{t('teams.createCalendar')}</button>
    </form>
  );
}

function XlaForm({ current, onSubmit }: { current: XlaPolicyDto | null; onSubmit(body: Partial<XlaPolicyDto>): void }) {
  const { t } = useTranslation();
  const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const [negative, setNegative] = useState(str(current?.negativeReplyMinutes));
  const [transfers, setTransfers] = useState(str(current?.maxTransfers));
  const [repeat, setRepeat] = useState(str(current?.repeatContactDays ?? 7));
  const [csat, setCsat] = useState(str(current?.csatTargetPercent));
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  return (
    <form className="admin-form" onSubmit={(e) => { e.preventDefault(); onSubmit({ teamId: null, negativeReplyMinutes: num(negative), maxTransfers: num(transfers), repeatContactDays: num(repeat), csatTargetPercent: num(csat) }); }}>
      <label className="field"><span className="field__label">{t('teams.negativeReply')}</span><input type="number" min={1} value={negative} onChange={(e) => setNegative(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.maxTransfers')}</span><input type="number" min={0} value={transfers} onChange={(e) => setTransfers(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.repeatDays')}</span><input type="number" min={1} value={repeat} onChange={(e) => setRepeat(e.target.value)} /></label>
      <label className="field"><span className="field__label">{t('teams.csatTarget')}</span><input type="number" min={0} max={100} value={csat} onChange={(e) => setCsat(e.target.value)} /></label>
      <button className="button button--primary button--small" type="submit">{t('teams.save')}</button>
    </form>
  );
}
