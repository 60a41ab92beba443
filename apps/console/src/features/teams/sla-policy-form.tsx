import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ESCALATION_ACTIONS, PRIORITIES, type BusinessCalendarDto, type EscalationAction, type Priority, type SlaPolicyDto, type SlaTargets } from '@parley/contracts';
import { EditingBanner, FormFooter, type FormProps } from './editor-form';
import { minutesText, parseMinutes, parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';

const TARGET_KEYS = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const;
const TARGET_LABEL: Record<(typeof TARGET_KEYS)[number], string> = { firstResponseSeconds: 'firstResponse', nextResponseSeconds: 'nextResponse', resolutionSeconds: 'resolution' };
/** Starting grid, in minutes: the more urgent, the shorter. */
const DEFAULT_GRID: Record<Priority, [string, string, string]> = {
  low: ['240', '480', '4320'], normal: ['60', '120', '1440'], high: ['30', '60', '480'], urgent: ['15', '30', '240'],
};
/** What a new policy does on a warning and on a breach, until the admin changes it. */
const DEFAULT_ESCALATION: SlaPolicyDto['escalation'] = { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] };
const PHASES = ['warning', 'breach'] as const;

export function SlaPolicyForm({ initial, calendars, onSubmit, onDone }: FormProps<SlaPolicyDto, Partial<SlaPolicyDto>> & { calendars: BusinessCalendarDto[] }) {
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
