import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type CannedScope, type MacroAction, type MacroActionType, type MacroDto, type MacroInputDto, type Priority } from '@parley/contracts';
import { ACTION_TYPES, blankAction, problemText } from './macro-text';
import type { MacroChoices } from './use-macro-names';

interface Props {
  macro?: MacroDto;
  isAdmin: boolean;
  choices: MacroChoices;
  onSave(input: MacroInputDto): Promise<void>;
  onCancel(): void;
}

/** Create or edit a macro: its name, who may run it, and its actions in order (add, move, remove). */
export function MacroForm({ macro, isAdmin, choices, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(macro?.name ?? '');
  const [scope, setScope] = useState<CannedScope>(macro?.scope ?? 'personal');
  const [teamId, setTeamId] = useState(macro?.teamId ?? choices.teams[0]?.id ?? '');
  const [actions, setActions] = useState<MacroAction[]>(macro?.actions ?? []);
  const [adding, setAdding] = useState<MacroActionType | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = (i: number, next: MacroAction) => setActions(actions.map((a, k) => (k === i ? next : a)));
  const move = (i: number, step: -1 | 1) => {
    const next = [...actions];
    [next[i], next[i + step]] = [next[i + step], next[i]];
    setActions(next);
  };
  const add = (type: MacroActionType) => {
    setActions([...actions, blankAction(type, { label: choices.labels[0]?.id, canned: choices.canned[0]?.id })]);
    setAdding('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({ name, scope, teamId: scope === 'team' ? teamId : null, actions });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const select = (value: string, onChange: (v: string) => void, options: [string, string][], testId: string, label: string) => (
    <select className="select select--compact" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label={label}>
      {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
    </select>
  );

  const fields = (a: MacroAction, i: number) => {
    switch (a.type) {
      case 'reply':
        return select(a.cannedResponseId, (v) => change(i, { ...a, cannedResponseId: v }), choices.canned.map((c) => [c.id, `/${c.shortcode} — ${c.title}`]), 'macro-action-canned', t('macros.fields.canned'));
      case 'note':
        return <textarea className="input" rows={2} value={a.text} onChange={(e) => change(i, { ...a, text: e.target.value })} aria-label={t('macros.fields.note')} data-testid="macro-action-note" />;
      case 'label':
      case 'unlabel':
        return select(a.labelId, (v) => change(i, { ...a, labelId: v }), choices.labels.map((l) => [l.id, choices.labelText(l)]), 'macro-action-label', t('macros.fields.label'));
      case 'assign':
        return select(a.agentId ?? '', (v) => change(i, { ...a, agentId: v || null }), [['', t('macros.fields.nobody')], ...choices.agents.map((u): [string, string] => [u.id, u.name])], 'macro-action-agent', t('macros.fields.agent'));
      case 'team':
        return select(a.teamId ?? '', (v) => change(i, { ...a, teamId: v || null }), [['', t('macros.fields.noTeam')], ...choices.teams.map((x): [string, string] => [x.id, x.name])], 'macro-action-team', t('macros.fields.team'));
      case 'priority':
        return select(a.priority, (v) => change(i, { ...a, priority: v as Priority }), PRIORITIES.map((p) => [p, t(`priority.${p}`)]), 'macro-action-priority', t('macros.fields.priority'));
      case 'snooze':
        return (
          <label className="macro-form__inline">
            <input className="input input--narrow" type="number" min={1} value={a.minutes} onChange={(e) => change(i, { ...a, minutes: Number(e.target.value) })} data-testid="macro-action-minutes" />
            {t('macros.fields.minutes')}
          </label>
        );
      default:
        return null;
    }
  };

  return (
    <form className="macro-form" onSubmit={submit} data-testid="macro-form">
      <label className="field">
        <span>{t('macros.fields.name')}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} data-testid="macro-name" />
      </label>
      {isAdmin && (
        <div className="macro-form__row">
          <label className="field">
            <span>{t('canned.scope')}</span>
            {select(scope, (v) => setScope(v as CannedScope), (['personal', 'team', 'shared'] as const).map((s) => [s, t(`canned.scopes.${s}`)]), 'macro-scope', t('canned.scope'))}
          </label>
          {scope === 'team' && <label className="field"><span>{t('canned.team')}</span>{select(teamId, setTeamId, choices.teams.map((x) => [x.id, x.name]), 'macro-team', t('canned.team'))}</label>}
        </div>
      )}
      <ol className="macro-actions" data-testid="macro-actions">
        {actions.map((a, i) => (
          <li key={i} className="macro-actions__item" data-testid="macro-action" data-type={a.type}>
            <span className="macro-actions__type">{t(`macros.types.${a.type}`)}</span>
            {fields(a, i)}
            <span className="macro-actions__buttons">
              <button type="button" className="icon-button icon-button--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('macros.up')}>↑</button>
              <button type="button" className="icon-button icon-button--small" disabled={i === actions.length - 1} onClick={() => move(i, 1)} aria-label={t('macros.down')}>↓</button>
              <button type="button" className="icon-button icon-button--small" onClick={() => setActions(actions.filter((_, k) => k !== i))} aria-label={t('macros.removeAction')} data-testid="macro-action-remove">×</button>
            </span>
            {macro?.problems.filter((p) => p.action === i).map((p) => <p key={p.code} className="form-error small">{problemText(p, t)}</p>)}
          </li>
        ))}
      </ol>
      <select className="select select--compact" value={adding} onChange={(e) => e.target.value && add(e.target.value as MacroActionType)} aria-label={t('macros.addAction')} data-testid="macro-add-action">
        <option value="">{t('macros.addAction')}</option>
        {ACTION_TYPES.map((type) => <option key={type} value={type}>{t(`macros.types.${type}`)}</option>)}
      </select>
      {error && <p className="form-error" role="alert" data-testid="macro-form-error">{error}</p>}
      <div className="macro-form__buttons">
        <button className="button button--primary" type="submit" disabled={saving || !actions.length} data-testid="macro-save">{t('canned.save')}</button>
        <button className="button" type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
