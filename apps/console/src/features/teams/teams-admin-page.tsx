import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ESCALATION_ACTIONS, PRIORITIES, ROUTING_STRATEGIES, type AgentDto, type BusinessCalendarDto, type Channel, type EscalationAction, type InboxDto, type Priority,
  type RoutingRuleDto, type RoutingStrategy, type SlaPolicyDto, type SlaTargets, type TeamDto, type WeeklyInterval, type XlaPolicyDto,
} from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { routingApi, type RuleBody } from '../sla/routing-api';
import { NoRoutingRuleWarning } from './no-routing-rule-warning';
import '../sla/sla.css';
import {
  formatHours, formatTarget, isTimeZone, minutesText, parseHolidays, parseMinutes, parseWhole, spansOverlap, weekdayNames, weekFromHours, WEEK_ORDER,
  type Span, type TargetUnits,
} from './teams-form-rules';

interface Data {
  teams: TeamDto[];
  agents: AgentDto[];
  rules: RoutingRuleDto[];
  policies: SlaPolicyDto[];
  calendars: BusinessCalendarDto[];
  xla: XlaPolicyDto[];
  inboxes: InboxDto[];
  weights: Record<Channel, number>;
}

type Submit<T> = (body: T) => Promise<unknown>;
type Status = { kind: 'ok' | 'error'; text: string } | null;
/** Which item of each list is open in its section's form; null: the form creates a new one. */
type Editing = Partial<Record<'team' | 'rule' | 'policy' | 'calendar' | 'xla', string>>;

const CHANNELS: Channel[] = ['webchat', 'whatsapp', 'telegram', 'sms', 'email'];

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

/** The form's buttons: create, or save and cancel while an item is being edited. */
function FormFooter({ editing, createLabel, testId, onCancel, status }: { editing: boolean; createLabel: string; testId: string; onCancel: () => void; status: Status }) {
  const { t } = useTranslation();
  return (
    <div className="admin-form__footer">
      <button className="button button--primary button--small" type="submit" data-testid={editing ? `${testId}-save` : `${testId}-create`}>
        {editing ? t('teams.saveChanges') : createLabel}
      </button>
      {editing && <button className="button button--ghost button--small" type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>{t('teams.cancel')}</button>}
      <FormStatus status={status} />
    </div>
  );
}

/** "Editing …" above a form that holds an existing item. */
function EditingBanner({ text }: { text: string }) {
  return <p className="admin-form__wide editing-banner" data-testid="editing-banner">{text}</p>;
}

function RowActions({ kind, onEdit, onDelete }: { kind: string; onEdit: () => void; onDelete?: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="row-actions">
      <button className="button button--ghost button--small" onClick={onEdit} data-testid={`${kind}-edit`}>{t('teams.edit')}</button>
      {onDelete && <button className="button button--ghost button--small" onClick={onDelete} data-testid={`${kind}-delete`}>{t('teams.delete')}</button>}
    </span>
  );
}

/** Supervisor and admin screens: teams and members, agents' capacity and skills, rules, SLA/XLA policies, calendars. */
export function TeamsAdminPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useTargetUnits();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({});

  const load = useCallback(() => {
    Promise.all([
      routingApi.teams(), routingApi.agents(), routingApi.rules(), routingApi.policies(), routingApi.calendars(), routingApi.xlaPolicies(),
      routingApi.inboxes(), routingApi.settings(),
    ])
      .then(([teams, agents, rules, policies, calendars, xla, inboxes, settings]) => {
        setData({ teams, agents, rules, policies, calendars, xla, inboxes, weights: settings.channelWeights });
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, []);
  useEffect(load, [load]);

  /** Saves, then reloads the lists; a rejection reaches the form that asked. */
  const save = (p: Promise<unknown>) => p.then((res) => (load(), res));
  const remove = (question: string, p: () => Promise<unknown>, done?: () => void) => {
    if (!window.confirm(question)) return;
    p().then(() => (done?.(), load()), (err: Error) => setError(t('teams.saveFailed', { message: err.message })));
  };
  const edit = (kind: keyof Editing, id: string | undefined) => {
    setEditing((e) => ({ ...e, [kind]: id }));
    if (id) requestAnimationFrame(() => document.querySelector(`[data-testid="${kind}-form"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  };

  if (!data) return <main className="ops-page">{error ? <p className="form-error">{error}</p> : <p className="muted">{t('common.loading')}</p>}</main>;
  const teamName = (id: string | null) => data.teams.find((x) => x.id === id)?.name ?? '—';
  const agentName = (id: string) => data.agents.find((x) => x.id === id)?.name ?? '—';
  const policyName = (id: string | null) => (id ? data.policies.find((p) => p.id === id)?.name : null) ?? t('teams.defaultPolicy');
  const inboxName = (id: string | null) => data.inboxes.find((x) => x.id === id)?.name ?? '—';
  const days = weekdayNames(locale, 'short');
  /** Action names inside a sentence: "notify supervisors, raise priority". */
  const actions = (list: EscalationAction[]) =>
    list.length ? list.map((a) => t(`teams.escalationAction.${a}`)).map((name) => name.charAt(0).toLocaleLowerCase(locale) + name.slice(1)).join(', ') : t('teams.escalationNone');
  const editedTeam = data.teams.find((x) => x.id === editing.team) ?? null;
  const editedRule = data.rules.find((x) => x.id === editing.rule) ?? null;
  const editedPolicy = data.policies.find((x) => x.id === editing.policy) ?? null;
  const editedCalendar = data.calendars.find((x) => x.id === editing.calendar) ?? null;
  const editedXla = data.xla.find((x) => x.id === editing.xla) ?? null;
  const xlaScope = (x: XlaPolicyDto) => (x.teamId ? teamName(x.teamId) : t('teams.xlaDefault'));

  return (
    <main className="ops-page" data-testid="teams-admin-page">
      <h1>{t('teams.title')}</h1>
      <p className="ops-page__lead muted">{t('teams.lead')}</p>
      {error && <p className="form-error" role="alert" data-testid="teams-error">{error}</p>}
      <div className="ops-grid">
        <Section title={t('teams.teams')} hint={t('teams.teamsHint')}>
          <TeamForm
            key={editedTeam?.id ?? 'new'}
            initial={editedTeam}
            agents={data.agents}
            teams={data.teams}
            policies={data.policies}
            onSubmit={(body) => save(editedTeam ? routingApi.updateTeam(editedTeam.id, body) : routingApi.createTeam(body))}
            onDone={() => edit('team', undefined)}
          />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.teams.length === 0 && <li className="ops-list__empty muted">{t('teams.noTeams')}</li>}
            {data.teams.map((team) => (
              <li key={team.id} data-testid="team-row" data-team-id={team.id} className={team.id === editedTeam?.id ? 'is-editing' : ''}>
                <span className="grow">
                  <strong>{team.name}</strong> · {t(`teams.strategy.${team.strategy}`)} ·{' '}
                  <span title={team.memberIds.map(agentName).join(', ')}>{t('teams.memberCount', { count: team.memberIds.length })}</span>
                  {team.leadId && <> · <span data-testid="team-row-lead">{t('teams.leadOf', { name: agentName(team.leadId) })}</span></>} · {t('teams.slaOf', { name: policyName(team.slaPolicyId) })}
                  {team.overflowTeamId && ` · ${t('teams.overflowTo', { team: teamName(team.overflowTeamId), minutes: team.overflowAfterMinutes })}`}
                </span>
                {team.memberIds.length > 0 && !data.rules.some((r) => r.teamId === team.id) && <NoRoutingRuleWarning teamId={team.id} />}
                <RowActions
                  kind="team"
                  onEdit={() => edit('team', team.id)}
                  onDelete={() => remove(t('teams.confirmDeleteTeam', { name: team.name }), () => routingApi.deleteTeam(team.id), () => team.id === editing.team && edit('team', undefined))}
                />
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.agents')} hint={t('teams.agentsHint')}>
          <ul className="ops-list ops-list--static">
            {data.agents.map((a) => <AgentRow key={a.id} agent={a} onSave={(body) => save(routingApi.updateAgent(a.id, body))} />)}
          </ul>
          <WeightsForm weights={data.weights} onSubmit={(body) => save(routingApi.saveSettings(body))} />
        </Section>

        <Section title={t('teams.rules')} hint={t('teams.rulesHint')}>
          <RuleForm
            key={editedRule?.id ?? 'new'}
            initial={editedRule}
            teams={data.teams}
            inboxes={data.inboxes}
            onSubmit={(body) => save(editedRule ? routingApi.updateRule(editedRule.id, body) : routingApi.addRule(body))}
            onDone={() => edit('rule', undefined)}
          />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.rules.length === 0 && <li className="ops-list__empty muted">{t('teams.noRules')}</li>}
            {data.rules.map((r) => (
              <li key={r.id} data-testid="rule-row" className={r.id === editedRule?.id ? 'is-editing' : ''}>
                <span className="grow">
                  {r.position}.{' '}
                  {[
                    r.inboxId && `${t('teams.inbox')}: ${inboxName(r.inboxId)}`,
                    r.language && `${t('teams.language')}: ${t(`teams.languages.${r.language}`, { defaultValue: r.language })}`,
                    r.keywords.length && `${t('teams.keywords')}: ${r.keywords.join(', ')}`,
                  ].filter(Boolean).join(' · ') || t('teams.everything')} → <strong>{teamName(r.teamId)}</strong>
                </span>
                <RowActions
                  kind="rule"
                  onEdit={() => edit('rule', r.id)}
                  onDelete={() => remove(t('teams.confirmDeleteRule'), () => routingApi.deleteRule(r.id), () => r.id === editing.rule && edit('rule', undefined))}
                />
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.policies')} hint={t('teams.policiesHint')}>
          <PolicyForm
            key={editedPolicy?.id ?? 'new'}
            initial={editedPolicy}
            calendars={data.calendars}
            onSubmit={(body) => save(editedPolicy ? routingApi.updatePolicy(editedPolicy.id, body) : routingApi.createPolicy(body))}
            onDone={() => edit('policy', undefined)}
          />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.policies.length === 0 && <li className="ops-list__empty muted">{t('teams.noPolicies')}</li>}
            {data.policies.map((p) => (
              <li key={p.id} data-testid="policy-row" className={p.id === editedPolicy?.id ? 'is-editing' : ''}>
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
                  <br />
                  <span className="muted small" data-testid="policy-row-escalation">
                    {t('teams.escalationSummary', { warning: actions(p.escalation.warning), breach: actions(p.escalation.breach) })}
                  </span>
                </span>
                <RowActions
                  kind="policy"
                  onEdit={() => edit('policy', p.id)}
                  onDelete={() => remove(t('teams.confirmDeletePolicy', { name: p.name }), () => routingApi.deletePolicy(p.id), () => p.id === editing.policy && edit('policy', undefined))}
                />
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.calendars')} hint={t('teams.calendarsHint')}>
          <CalendarForm
            key={editedCalendar?.id ?? 'new'}
            initial={editedCalendar}
            onSubmit={(body) => save(editedCalendar ? routingApi.updateCalendar(editedCalendar.id, body) : routingApi.createCalendar(body))}
            onDone={() => edit('calendar', undefined)}
          />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.calendars.length === 0 && <li className="ops-list__empty muted">{t('teams.noCalendars')}</li>}
            {data.calendars.map((c) => (
              <li key={c.id} data-testid="calendar-row" className={c.id === editedCalendar?.id ? 'is-editing' : ''}>
                <span className="grow">
                  <strong>{c.name}</strong> · {c.timeZone} · {t('teams.holidayCount', { count: c.holidays.length })}
                  <br />
                  <span className="muted small">{formatHours(c.hours, days)}</span>
                </span>
                <RowActions
                  kind="calendar"
                  onEdit={() => edit('calendar', c.id)}
                  onDelete={() => remove(t('teams.confirmDeleteCalendar', { name: c.name }), () => routingApi.deleteCalendar(c.id), () => c.id === editing.calendar && edit('calendar', undefined))}
                />
              </li>
            ))}
          </ul>
        </Section>

        <Section title={t('teams.xla')} hint={t('teams.xlaHint')}>
          <XlaForm
            key={editedXla?.id ?? 'new'}
            initial={editedXla}
            teams={data.teams}
            existing={data.xla}
            onSubmit={(body) => save(routingApi.saveXlaPolicy(body))}
            onDone={() => edit('xla', undefined)}
          />
          <ul className="ops-list ops-list--static ops-list--wrap">
            {data.xla.length === 0 && <li className="ops-list__empty muted">{t('teams.noXla')}</li>}
            {[...data.xla].sort((a, b) => (a.teamId ? 1 : 0) - (b.teamId ? 1 : 0) || xlaScope(a).localeCompare(xlaScope(b))).map((x) => (
              <li key={x.id} data-testid="xla-row" className={x.id === editedXla?.id ? 'is-editing' : ''}>
                <span className="grow">
                  <strong>{xlaScope(x)}</strong>
                  <br />
                  <span className="muted small">
                    {[
                      x.negativeReplyMinutes !== null && t('teams.xlaNegative', { minutes: x.negativeReplyMinutes }),
                      x.maxTransfers !== null && t('teams.xlaTransfers', { count: x.maxTransfers }),
                      x.repeatContactDays !== null && t('teams.xlaRepeat', { count: x.repeatContactDays }),
                      x.csatTargetPercent !== null && t('teams.xlaCsat', { percent: x.csatTargetPercent }),
                    ].filter(Boolean).join(' · ') || t('teams.xlaNothing')}
                  </span>
                </span>
                <RowActions
                  kind="xla"
                  onEdit={() => edit('xla', x.id)}
                  onDelete={() => remove(t('teams.confirmDeleteXla', { name: xlaScope(x) }), () => routingApi.deleteXlaPolicy(x.id), () => x.id === editing.xla && edit('xla', undefined))}
                />
              </li>
            ))}
          </ul>
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

interface FormProps<T, B> {
  initial: T | null;
  onSubmit: Submit<B>;
  /** The edit is over (saved or cancelled). */
  onDone: () => void;
}

function TeamForm({ initial, agents, teams, policies, onSubmit, onDone }: FormProps<TeamDto, Partial<TeamDto>> & { agents: AgentDto[]; teams: TeamDto[]; policies: SlaPolicyDto[] }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [name, setName] = useState(initial?.name ?? '');
  const [strategy, setStrategy] = useState<RoutingStrategy>(initial?.strategy ?? 'round_robin');
  const [sticky, setSticky] = useState(initial?.sticky ?? true);
  const [members, setMembers] = useState<string[]>(initial?.memberIds ?? []);
  const [leadId, setLeadId] = useState(initial?.leadId ?? '');
  const [overflowTeamId, setOverflowTeamId] = useState(initial?.overflowTeamId ?? '');
  const [overflowAfter, setOverflowAfter] = useState(initial?.overflowAfterMinutes ? String(initial.overflowAfterMinutes) : '');
  const [slaPolicyId, setSlaPolicyId] = useState(initial?.slaPolicyId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    const minutes = overflowAfter.trim() === '' ? null : parseWhole(overflowAfter, 1, 10080);
    if (minutes === undefined) return form.fail(t('teams.errors.whole', { field: t('teams.overflowAfter'), min: 1, max: 10080 }));
    if (!!overflowTeamId !== (minutes !== null)) return form.fail(t('teams.errors.overflowPair'));
    const body = {
      name: name.trim(), strategy, sticky, memberIds: members, leadId: leadId || null, overflowTeamId: overflowTeamId || null, overflowAfterMinutes: minutes,
      slaPolicyId: slaPolicyId || null,
    };
    void form.submit(onSubmit(body)).then((ok) => {
      if (!ok) return;
      if (initial) return onDone();
      setName('');
      setMembers([]);
      setLeadId('');
      setOverflowTeamId('');
      setOverflowAfter('');
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="team-form">
      {initial && <EditingBanner text={t('teams.editingTeam', { name: initial.name })} />}
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.teamPlaceholder')} data-testid="team-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.strategyLabel')}</span>
        <select className="select" value={strategy} onChange={(e) => setStrategy(e.target.value as RoutingStrategy)} data-testid="team-strategy">
          {ROUTING_STRATEGIES.map((s) => <option key={s} value={s}>{t(`teams.strategy.${s}`)}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.leadLabel')}</span>
        <select className="select" value={leadId} onChange={(e) => setLeadId(e.target.value)} data-testid="team-lead">
          <option value="">{t('teams.noLead')}</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.policy')}</span>
        <select className="select" value={slaPolicyId} onChange={(e) => setSlaPolicyId(e.target.value)} data-testid="team-policy">
          <option value="">{t('teams.defaultPolicy')}</option>
          {policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.overflowTeam')}</span>
        <select className="select" value={overflowTeamId} onChange={(e) => setOverflowTeamId(e.target.value)} data-testid="team-overflow-team">
          <option value="">{t('teams.noOverflow')}</option>
          {teams.filter((x) => x.id !== initial?.id).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.overflowAfter')}</span><input inputMode="numeric" value={overflowAfter} onChange={(e) => setOverflowAfter(e.target.value)} data-testid="team-overflow-after" /></label>
      <label className="checklist__item admin-form__wide"><input type="checkbox" checked={sticky} onChange={(e) => setSticky(e.target.checked)} data-testid="team-sticky" />{t('teams.sticky')}</label>
      <fieldset className="field checklist admin-form__wide">
        <legend className="field__label">{t('teams.members')}</legend>
        {agents.map((a) => (
          <label key={a.id} className="checklist__item member-option">
            <input
              type="checkbox"
              checked={members.includes(a.id)}
              onChange={(e) => setMembers((m) => (e.target.checked ? [...m, a.id] : m.filter((x) => x !== a.id)))}
              data-testid="team-member"
              data-agent-id={a.id}
            />
            <span>{a.name}</span>
            <span className="muted small">{t('teams.memberInfo', { capacity: a.capacity, skills: a.skills.length ? a.skills.join(', ') : t('teams.noSkills') })}</span>
          </label>
        ))}
        <p className="muted small">{t('teams.membersHint')}</p>
      </fieldset>
      <FormFooter editing={!!initial} createLabel={t('teams.create')} testId="team" onCancel={onDone} status={form.status} />
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
          <input value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="lang:ru, channel:email, tag:vip" data-testid="agent-skills" />
        </label>
        <button className="button button--small" onClick={save} data-testid="agent-save">{t('teams.save')}</button>
      </div>
      <FormStatus status={form.status} />
    </li>
  );
}

function WeightsForm({ weights, onSubmit }: { weights: Record<Channel, number>; onSubmit: Submit<Partial<Record<Channel, number>>> }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [values, setValues] = useState<Record<Channel, string>>(() => Object.fromEntries(CHANNELS.map((c) => [c, String(weights[c] ?? 1)])) as Record<Channel, string>);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out: Partial<Record<Channel, number>> = {};
    for (const c of CHANNELS) {
      const v = parseWhole(values[c], 1, 100);
      if (v === undefined || v === null) return form.fail(t('teams.errors.whole', { field: t(`channel.${c}`), min: 1, max: 100 }));
      out[c] = v;
    }
    void form.submit(onSubmit(out));
  };
  return (
    <form className="admin-form weights-form" onSubmit={submit} noValidate data-testid="weights-form">
      <div className="admin-form__wide">
        <h3 className="weights-form__title">{t('teams.channelWeights')}</h3>
        <p className="muted small">{t('teams.channelWeightsHint')}</p>
      </div>
      <div className="admin-form__wide weights-form__grid">
        {CHANNELS.map((c) => (
          <label key={c} className="field">
            <span className="field__label">{t(`channel.${c}`)}</span>
            <input inputMode="numeric" value={values[c]} onChange={(e) => setValues((v) => ({ ...v, [c]: e.target.value }))} data-testid={`weight-${c}`} />
          </label>
        ))}
      </div>
      <div className="admin-form__footer">
        <button className="button button--small" type="submit" data-testid="weights-save">{t('teams.save')}</button>
        <FormStatus status={form.status} />
      </div>
    </form>
  );
}

function RuleForm({ initial, teams, inboxes, onSubmit, onDone }: FormProps<RoutingRuleDto, RuleBody> & { teams: TeamDto[]; inboxes: InboxDto[] }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [teamId, setTeamId] = useState(initial?.teamId ?? '');
  const [inboxId, setInboxId] = useState(initial?.inboxId ?? '');
  const [language, setLanguage] = useState(initial?.language ?? '');
  const [keywords, setKeywords] = useState(initial?.keywords.join(', ') ?? '');
  const [position, setPosition] = useState(initial ? String(initial.position) : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!teamId) return form.fail(t('teams.errors.teamRequired'));
    const body: RuleBody = { teamId, inboxId: inboxId || null, language: language || null, keywords: keywords.split(',').map((k) => k.trim()).filter(Boolean) };
    if (initial) {
      const p = parseWhole(position, 1, 100000);
      if (p === undefined || p === null) return form.fail(t('teams.errors.whole', { field: t('teams.position'), min: 1, max: 100000 }));
      body.position = p;
    }
    void form.submit(onSubmit(body)).then((ok) => ok && (initial ? onDone() : setKeywords('')));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="rule-form">
      {initial && <EditingBanner text={t('teams.editingRule', { position: initial.position })} />}
      <label className="field">
        <span className="field__label">{t('teams.team')}</span>
        <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="rule-team">
          <option value="">{teams.length ? t('teams.chooseTeam') : t('teams.noTeams')}</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.inbox')}</span>
        <select className="select" value={inboxId} onChange={(e) => setInboxId(e.target.value)} data-testid="rule-inbox">
          <option value="">{t('teams.anyInbox')}</option>
          {inboxes.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('teams.language')}</span>
        <select className="select" value={language} onChange={(e) => setLanguage(e.target.value)} data-testid="rule-language">
          <option value="">{t('teams.anyLanguage')}</option>
          <option value="ru">{t('teams.languages.ru')}</option>
          <option value="en">{t('teams.languages.en')}</option>
        </select>
      </label>
      {initial && (
        <label className="field"><span className="field__label">{t('teams.position')}</span><input inputMode="numeric" value={position} onChange={(e) => setPosition(e.target.value)} data-testid="rule-position" /></label>
      )}
      <label className="field admin-form__wide"><span className="field__label">{t('teams.keywords')}</span><input value={keywords} onChange={(e) => setKeywords(e.target.value)} placeholder={t('teams.keywordsPlaceholder')} data-testid="rule-keywords" /></label>
      <FormFooter editing={!!initial} createLabel={t('teams.addRule')} testId="rule" onCancel={onDone} status={form.status} />
    </form>
  );
}

const TARGET_KEYS = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const;
const TARGET_LABEL: Record<(typeof TARGET_KEYS)[number], string> = { firstResponseSeconds: 'firstResponse', nextResponseSeconds: 'nextResponse', resolutionSeconds: 'resolution' };
/** Starting grid, in minutes: the more urgent, the shorter. */
const DEFAULT_GRID: Record<Priority, [string, string, string]> = {
  low: ['240', '480', '4320'], normal: ['60', '120', '1440'], high: ['30', '60', '480'], urgent: ['15', '30', '240'],
};
/** What a new policy does on a warning and on a breach, until the admin changes it. */
const DEFAULT_ESCALATION: SlaPolicyDto['escalation'] = { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] };
const PHASES = ['warning', 'breach'] as const;

function PolicyForm({ initial, calendars, onSubmit, onDone }: FormProps<SlaPolicyDto, Partial<SlaPolicyDto>> & { calendars: BusinessCalendarDto[] }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const [name, setName] = useState(initial?.name ?? '');
  const [calendarId, setCalendarId] = useState(initial?.calendarId ?? '');
  const [warnAt, setWarnAt] = useState(String(initial?.warnAtPercent ?? 80));
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false);
  const [escalation, setEscalation] = useState<SlaPolicyDto['escalation']>(initial?.escalation ?? DEFAULT_ESCALATION);
  const [grid, setGrid] = useState<Record<Priority, Record<keyof SlaTargets, string>>>(() =>
    Object.fromEntries(
      PRIORITIES.map((p) => [p, Object.fromEntries(TARGET_KEYS.map((k, i) => [k, initial ? minutesText(initial.targets[p]?.[k]) : DEFAULT_GRID[p][i]]))]),
    ) as never,
  );
  const toggle = (phase: (typeof PHASES)[number], action: EscalationAction, on: boolean) =>
    setEscalation((e) => ({ ...e, [phase]: on ? ESCALATION_ACTIONS.filter((a) => a === action || e[phase].includes(a)) : e[phase].filter((a) => a !== action) }));
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
      .submit(onSubmit({ name: name.trim(), calendarId: calendarId || null, warnAtPercent: warn, isDefault, targets, escalation }))
      .then((ok) => ok && (initial ? onDone() : setName('')));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="policy-form">
      {initial && <EditingBanner text={t('teams.editingPolicy', { name: initial.name })} />}
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.policyPlaceholder')} data-testid="policy-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.calendar')}</span>
        <select className="select" value={calendarId} onChange={(e) => setCalendarId(e.target.value)} data-testid="policy-calendar">
          <option value="">{t('teams.allDay')}</option>
          {calendars.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.warnAtLabel')}</span><input inputMode="numeric" value={warnAt} onChange={(e) => setWarnAt(e.target.value)} data-testid="policy-warn" /></label>
      <label className="checklist__item admin-form__check"><input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} data-testid="policy-default" />{t('teams.defaultLabel')}</label>
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
      <fieldset className="field admin-form__wide escalation" data-testid="policy-escalation">
        <legend className="field__label">{t('teams.escalation')}</legend>
        {PHASES.map((phase) => (
          <div key={phase} className="escalation__phase">
            <span className="escalation__label">{t(phase === 'warning' ? 'teams.escalationWarning' : 'teams.escalationBreach')}</span>
            {ESCALATION_ACTIONS.map((action) => (
              <label key={action} className="checklist__item">
                <input
                  type="checkbox"
                  checked={escalation[phase].includes(action)}
                  onChange={(e) => toggle(phase, action, e.target.checked)}
                  data-testid={`escalation-${phase}-${action}`}
                />
                {t(`teams.escalationAction.${action}`)}
              </label>
            ))}
          </div>
        ))}
        <p className="muted small">{t('teams.escalationHint')}</p>
      </fieldset>
      <FormFooter editing={!!initial} createLabel={t('teams.createPolicy')} testId="policy" onCancel={onDone} status={form.status} />
    </form>
  );
}

interface DayRow {
  open: boolean;
  spans: Span[];
}

const NEW_WEEK = (): DayRow[] => Array.from({ length: 7 }, (_, day) => ({ open: day >= 1 && day <= 5, spans: [{ start: '09:00', end: '18:00' }] }));

function CalendarForm({ initial, onSubmit, onDone }: FormProps<BusinessCalendarDto, Omit<BusinessCalendarDto, 'id'>>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useFormStatus();
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(() => initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<DayRow[]>(() =>
    initial ? weekFromHours(initial.hours).map((spans) => ({ open: spans.length > 0, spans: spans.length ? spans : [{ start: '09:00', end: '18:00' }] })) : NEW_WEEK(),
  );
  const [holidays, setHolidays] = useState(initial?.holidays.join(', ') ?? '');
  const zones = useTimeZones();
  const days = weekdayNames(locale, 'short');
  const setDay = (day: number, change: (row: DayRow) => DayRow) => setWeek((w) => w.map((row, i) => (i === day ? change(row) : row)));
  const setSpan = (day: number, index: number, change: Partial<Span>) =>
    setDay(day, (row) => ({ ...row, spans: row.spans.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    if (!isTimeZone(timeZone.trim())) return form.fail(t('teams.errors.timeZone', { zone: timeZone }));
    const hours: WeeklyInterval[] = [];
    for (const day of WEEK_ORDER) {
      const row = week[day];
      if (!row.open) continue;
      for (const span of row.spans) {
        if (!/^\d{2}:\d{2}$/.test(span.start) || !/^\d{2}:\d{2}$/.test(span.end) || span.start === span.end) return form.fail(t('teams.errors.dayHours', { day: days[day] }));
        hours.push({ day, start: span.start, end: span.end });
      }
      if (spansOverlap(row.spans)) return form.fail(t('teams.errors.overlap', { day: days[day] }));
    }
    if (!hours.length) return form.fail(t('teams.errors.noOpenDays'));
    const dates = parseHolidays(holidays);
    if (!dates) return form.fail(t('teams.errors.holidays'));
    void form.submit(onSubmit({ name: name.trim(), timeZone: timeZone.trim(), hours, holidays: dates })).then((ok) => ok && (initial ? onDone() : setName('')));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="calendar-form">
      {initial && <EditingBanner text={t('teams.editingCalendar', { name: initial.name })} />}
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
              <input type="checkbox" checked={week[day].open} onChange={(e) => setDay(day, (row) => ({ ...row, open: e.target.checked }))} />
              {days[day]}
            </label>
            {week[day].open ? (
              <span className="week__spans">
                {week[day].spans.map((span, i) => (
                  <span key={i} className="week__hours">
                    <input type="time" value={span.start} onChange={(e) => setSpan(day, i, { start: e.target.value })} aria-label={`${days[day]}: ${t('teams.opens')}`} />
                    –
                    <input type="time" value={span.end} onChange={(e) => setSpan(day, i, { end: e.target.value })} aria-label={`${days[day]}: ${t('teams.closes')}`} />
                    {week[day].spans.length > 1 && (
                      <button type="button" className="button button--ghost button--small week__remove" onClick={() => setDay(day, (row) => ({ ...row, spans: row.spans.filter((_, j) => j !== i) }))} aria-label={t('teams.removeSpan')} title={t('teams.removeSpan')}>
                        ×
                      </button>
                    )}
                    {i === week[day].spans.length - 1 && week[day].spans.length < 4 && (
                      <button type="button" className="button button--ghost button--small week__add" onClick={() => setDay(day, (row) => ({ ...row, spans: [...row.spans, { start: '13:00', end: '14:00' }] }))} aria-label={t('teams.addSpan')} title={t('teams.addSpan')}>
                        +
                      </button>
                    )}
                  </span>
                ))}
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
      <FormFooter editing={!!initial} createLabel={t('teams.createCalendar')} testId="calendar" onCancel={onDone} status={form.status} />
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

function XlaForm({ initial, teams, existing, onSubmit, onDone }: FormProps<XlaPolicyDto, Partial<XlaPolicyDto>> & { teams: TeamDto[]; existing: XlaPolicyDto[] }) {
  const { t } = useTranslation();
  const form = useFormStatus();
  const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const [teamId, setTeamId] = useState(initial ? initial.teamId ?? '' : existing.some((x) => x.teamId === null) ? teams.find((x) => !existing.some((e) => e.teamId === x.id))?.id ?? '' : '');
  const [negative, setNegative] = useState(str(initial?.negativeReplyMinutes));
  const [transfers, setTransfers] = useState(str(initial?.maxTransfers));
  const [repeat, setRepeat] = useState(str(initial ? initial.repeatContactDays : 7));
  const [csat, setCsat] = useState(str(initial?.csatTargetPercent));
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
    const body = { teamId: teamId || null, negativeReplyMinutes: values[0], maxTransfers: values[1], repeatContactDays: values[2], csatTargetPercent: values[3] };
    void form.submit(onSubmit(body)).then((ok) => ok && initial && onDone());
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="xla-form">
      {initial && <EditingBanner text={t('teams.editingXla', { name: initial.teamId ? teams.find((x) => x.id === initial.teamId)?.name ?? '—' : t('teams.xlaDefault') })} />}
      <label className="field admin-form__wide">
        <span className="field__label">{t('teams.xlaTeam')}</span>
        <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)} disabled={!!initial} data-testid="xla-team">
          <option value="">{t('teams.xlaDefault')}</option>
          {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label className="field"><span className="field__label">{t('teams.negativeReply')}</span><input inputMode="numeric" value={negative} onChange={(e) => setNegative(e.target.value)} data-testid="xla-negative" /></label>
      <label className="field"><span className="field__label">{t('teams.maxTransfers')}</span><input inputMode="numeric" value={transfers} onChange={(e) => setTransfers(e.target.value)} data-testid="xla-transfers" /></label>
      <label className="field"><span className="field__label">{t('teams.repeatDays')}</span><input inputMode="numeric" value={repeat} onChange={(e) => setRepeat(e.target.value)} data-testid="xla-repeat" /></label>
      <label className="field"><span className="field__label">{t('teams.csatTarget')}</span><input inputMode="numeric" value={csat} onChange={(e) => setCsat(e.target.value)} data-testid="xla-csat" /></label>
      <p className="muted small admin-form__wide">{t('teams.xlaEmptyHint')}</p>
      <FormFooter editing={!!initial} createLabel={t('teams.save')} testId="xla" onCancel={onDone} status={form.status} />
    </form>
  );
}
