import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@parley/contracts';
import { CHANNELS } from '@parley/contracts';
import { FormStatus, type Submit } from './editor-form';
import { parseWhole } from './teams-form-rules';
import { useFormStatus } from './use-form-status';


/** How much one conversation of each channel weighs against an agent's capacity. */
export function ChannelWeightsForm({ weights, onSubmit }: { weights: Record<Channel, number>; onSubmit: Submit<Partial<Record<Channel, number>>> }) {
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
