import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxDto, SurveyDefaultTextsDto, SurveySettingsDto, SurveyType, TeamDto } from '@parley/contracts';
import { http } from '../../api/http-client';
import { LANGUAGES, previewText, TEXT_KEYS, toForm, toInput, type FormErrors, type SurveyChoice, type SurveySettingsForm } from './survey-settings-form';
import '../sla/sla.css';
import './surveys.css';

interface Scope {
  scope: 'inbox' | 'team';
  scopeId: string;
  name: string;
}

const SCALES: Record<SurveyType, [number, number]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };
const key = (s: { scope: string; scopeId: string }) => `${s.scope}:${s.scopeId}`;

/** Admins choose, per inbox or team, which survey goes out after resolution, when, how often, and its texts. */
export function SurveySettingsPage({ onReport }: { onReport(): void }) {
  const { t } = useTranslation();
  const [inboxes, setInboxes] = useState<InboxDto[]>([]);
  const [teams, setTeams] = useState<TeamDto[]>([]);
  const [settings, setSettings] = useState<SurveySettingsDto[]>([]);
  const [defaults, setDefaults] = useState<SurveyDefaultTextsDto | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([
      http.get<InboxDto[]>('/api/inboxes'),
      http.get<TeamDto[]>('/api/teams'),
      http.get<SurveySettingsDto[]>('/api/surveys/settings'),
      http.get<SurveyDefaultTextsDto>('/api/surveys/settings/defaults'),
    ])
      .then(([i, tm, s, d]) => {
        setInboxes(i);
        setTeams(tm);
        setSettings(s);
        setDefaults(d);
      })
      .catch((err: Error) => setLoadError(err.message));
  }, []);
  useEffect(load, [load]);

  const scopes: Scope[] = useMemo(
    () => [
      ...inboxes.map((i) => ({ scope: 'inbox' as const, scopeId: i.id, name: i.name })),
      ...teams.map((tm) => ({ scope: 'team' as const, scopeId: tm.id, name: tm.name })),
    ],
    [inboxes, teams],
  );
  const byKey = useMemo(() => new Map(settings.map((s) => [key(s), s])), [settings]);
  const current = scopes.find((s) => key(s) === selected) ?? scopes[0] ?? null;

  const summary = (s: Scope) => {
    const own = byKey.get(key(s));
    if (!own) return s.scope === 'team' ? t('surveySettings.inherits') : t('surveySettings.noSurvey');
    if (!own.enabled) return t('surveySettings.noSurvey');
    return t('surveySettings.summary', { type: own.type.toUpperCase(), delay: own.delayMinutes, days: own.throttleDays });
  };

  return (
    <main className="ops-page surveys-settings" data-testid="survey-settings-page">
      <SurveysTabs active="settings" onReport={onReport} />
      <h1>{t('surveySettings.title')}</h1>
      <p className="ops-page__lead muted">{t('surveySettings.lead')}</p>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      <div className="surveys-settings__grid">
        <section className="card">
          <div className="card__header">
            <h2>{t('surveySettings.scopes')}</h2>
          </div>
          {(['inbox', 'team'] as const).map((kind) => (
            <div key={kind}>
              <h3 className="surveys-settings__kind muted small">{t(kind === 'inbox' ? 'surveySettings.inboxes' : 'surveySettings.teams')}</h3>
              <ul className="surveys-scopes">
                {scopes.filter((s) => s.scope === kind).map((s) => (
                  <li key={key(s)}>
                    <button
                      className={`surveys-scope ${current && key(current) === key(s) ? 'is-active' : ''}`}
                      onClick={() => setSelected(key(s))}
                      data-testid="survey-scope"
                      data-scope={key(s)}
                    >
                      <strong>{s.name}</strong>
                      <span className="muted small">{summary(s)}</span>
                    </button>
                  </li>
                ))}
                {kind === 'team' && teams.length === 0 && <li className="muted small">{t('surveySettings.noTeams')}</li>}
              </ul>
            </div>
          ))}
        </section>
        {current && defaults && (
          <SettingsForm
            key={key(current)}
            scope={current}
            saved={byKey.get(key(current)) ?? null}
            defaults={defaults}
            onSaved={(s) => setSettings((all) => [...all.filter((x) => key(x) !== key(s)), s])}
            onRemoved={() => setSettings((all) => all.filter((x) => key(x) !== key(current)))}
          />
        )}
      </div>
    </main>
  );
}

/** Report | Settings, on both survey screens; the settings tab only for admins. */
export function SurveysTabs({ active, onReport, onSettings }: { active: 'report' | 'settings'; onReport?(): void; onSettings?(): void }) {
  const { t } = useTranslation();
  if (!onSettings && active === 'report') return null;
  return (
    <div className="segmented surveys-tabs" role="tablist">
      <button role="tab" aria-selected={active === 'report'} className={`segmented__option ${active === 'report' ? 'is-active' : ''}`} onClick={onReport} data-testid="surveys-tab-report">
        {t('surveySettings.tabReport')}
      </button>
      <button role="tab" aria-selected={active === 'settings'} className={`segmented__option ${active === 'settings' ? 'is-active' : ''}`} onClick={onSettings} data-testid="surveys-tab-settings">
        {t('surveySettings.tabSettings')}
      </button>
    </div>
  );
}

function SettingsForm({ scope, saved, defaults, onSaved, onRemoved }: {
  scope: Scope;
  saved: SurveySettingsDto | null;
  defaults: SurveyDefaultTextsDto;
  onSaved(s: SurveySettingsDto): void;
  onRemoved(): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<SurveySettingsForm>(() => toForm(saved));
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const off = form.choice === 'none';
  const type: SurveyType = off ? saved?.type ?? 'csat' : form.choice as SurveyType;
  const [min, max] = SCALES[type];

  const set = <K extends keyof SurveySettingsForm>(field: K, value: SurveySettingsForm[K]) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const result = toInput(form, { scope: scope.scope, scopeId: scope.scopeId }, saved?.type);
    setErrors(result.errors ?? {});
    if (!result.input) return;
    setBusy(true);
    try {
      onSaved(await http.put<SurveySettingsDto>('/api/surveys/settings', result.input));
      setStatus({ kind: 'ok', text: t('surveySettings.saved') });
    } catch (err) {
      setStatus({ kind: 'error', text: t('surveySettings.saveFailed', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await http.delete(`/api/surveys/settings/${scope.scope}/${encodeURIComponent(scope.scopeId)}`);
      onRemoved();
    } catch (err) {
      setStatus({ kind: 'error', text: t('surveySettings.saveFailed', { message: (err as Error).message }) });
      setBusy(false);
    }
  };

  const number = (field: 'delayMinutes' | 'throttleDays' | 'commentWindowHours', label: string, hint: string) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        type="number"
        inputMode="numeric"
        value={form[field]}
        disabled={off}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={!!errors[field]}
        data-testid={`survey-${field}`}
      />
      {errors[field] ? <span className="form-error small">{t(errors[field]!)}</span> : <span className="muted small">{hint}</span>}
    </label>
  );

  return (
    <form className="card surveys-form" onSubmit={submit} noValidate data-testid="survey-settings-form">
      <div className="card__header card__header--stacked">
        <h2>{scope.name}</h2>
        <p className="muted small">{t(scope.scope === 'inbox' ? 'surveySettings.inboxScope' : 'surveySettings.teamScope')}</p>
      </div>
      <div className="surveys-form__row">
        <label className="field">
          <span className="field__label">{t('surveySettings.survey')}</span>
          <select className="select" value={form.choice} onChange={(e) => set('choice', e.target.value as SurveyChoice)} data-testid="survey-type">
            <option value="none">{t('surveySettings.none')}</option>
            <option value="csat">{t('surveySettings.csat')}</option>
            <option value="nps">{t('surveySettings.nps')}</option>
            <option value="ces">{t('surveySettings.ces')}</option>
          </select>
        </label>
        {number('delayMinutes', t('surveySettings.delay'), t('surveySettings.delayHint'))}
        {number('throttleDays', t('surveySettings.throttle'), t('surveySettings.throttleHint'))}
        {number('commentWindowHours', t('surveySettings.commentWindow'), t('surveySettings.commentWindowHint'))}
      </div>
      <p className="muted small">{t('surveySettings.textsHint')}</p>
      <div className="surveys-form__texts">
        {LANGUAGES.map((lang) => (
          <fieldset key={lang} className="surveys-form__lang" disabled={off}>
            <legend className="field__label">{t(`surveySettings.lang.${lang}`)}</legend>
            {TEXT_KEYS.map((k) => {
              const error = errors[`${lang}.${k}`];
              return (
                <label className="field" key={k}>
                  <span className="field__label">{t(`surveySettings.text.${k}`)}</span>
                  <textarea
                    rows={k === 'question' ? 3 : 2}
                    value={form.texts[lang][k]}
                    placeholder={defaults[type][lang][k]}
                    aria-invalid={!!error}
                    onChange={(e) => setForm((f) => ({ ...f, texts: { ...f.texts, [lang]: { ...f.texts[lang], [k]: e.target.value } } }))}
                    data-testid={`survey-text-${lang}-${k}`}
                  />
                  {error && <span className="form-error small">{t(error)}</span>}
                </label>
              );
            })}
            <p className="surveys-form__preview small" data-testid={`survey-preview-${lang}`}>
              <span className="muted">{t('surveySettings.preview')} </span>
              {previewText(form.texts[lang].question.trim() || defaults[type][lang].question, lang === 'ru' ? 'Мария' : 'Maria', min, max)}
            </p>
          </fieldset>
        ))}
      </div>
      <div className="surveys-form__footer">
        <button className="button button--primary" type="submit" disabled={busy} data-testid="survey-save">{t('surveySettings.save')}</button>
        {saved && (
          <button className="button button--ghost" type="button" disabled={busy} onClick={remove} data-testid="survey-remove">
            {t(scope.scope === 'team' ? 'surveySettings.removeTeam' : 'surveySettings.remove')}
          </button>
        )}
        {status && (
          <p className={status.kind === 'error' ? 'form-error' : 'form-ok'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid={`survey-settings-${status.kind}`}>
            {status.text}
          </p>
        )}
      </div>
    </form>
  );
}
