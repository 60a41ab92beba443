import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxDto, RoutingRuleDto, TeamDto } from '@parley/contracts';
import type { RuleBody } from '../sla/routing-api';
import { EditingBanner, FormFooter, type FormProps } from './editor-form';
import { parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';

export function RoutingRuleForm({ initial, teams, inboxes, onSubmit, onDone }: FormProps<RoutingRuleDto, RuleBody> & { teams: TeamDto[]; inboxes: InboxDto[] }) {
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
