import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamDto, XlaPolicyDto } from '@parley/contracts';
import { EditingBanner, FormFooter, type FormProps } from './editor-form';
import { parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';

export function XlaPolicyForm({ initial, teams, existing, onSubmit, onDone }: FormProps<XlaPolicyDto, Partial<XlaPolicyDto>> & { teams: TeamDto[]; existing: XlaPolicyDto[] }) {
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
