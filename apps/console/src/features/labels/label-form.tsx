import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelDto, LabelInputDto } from '@parley/contracts';
import { LabelChip } from './label-chip';
import { isHexColour, LABEL_PALETTE } from './label-view';

interface LabelFormProps {
  /** The label being edited; none: a new one. */
  label?: LabelDto;
  onSave(input: LabelInputDto): Promise<void>;
  onCancel(): void;
}

/** Both names and a colour: a preset swatch or any #rrggbb typed in. */
export function LabelForm({ label, onSave, onCancel }: LabelFormProps) {
  const { t } = useTranslation();
  const [nameEn, setNameEn] = useState(label?.nameEn ?? '');
  const [nameRu, setNameRu] = useState(label?.nameRu ?? '');
  const [colour, setColour] = useState<string>(label?.colour ?? LABEL_PALETTE[0]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const colourValid = isHexColour(colour);
  const named = Boolean(nameEn.trim() || nameRu.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({ nameEn: nameEn.trim(), nameRu: nameRu.trim(), colour: colour.trim().toLowerCase() });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="admin-form label-form" onSubmit={submit} data-testid="label-form">
      <label className="field">
        <span className="field__label">{t('labels.nameRu')}</span>
        <input value={nameRu} onChange={(e) => setNameRu(e.target.value)} maxLength={50} autoFocus lang="ru" data-testid="label-name-ru" />
      </label>
      <label className="field">
        <span className="field__label">{t('labels.nameEn')}</span>
        <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={50} lang="en" data-testid="label-name-en" />
        <span className="muted">{t('labels.nameHint')}</span>
      </label>
      <fieldset className="field label-form__colours">
        <legend className="field__label">{t('labels.colour')}</legend>
        <div className="label-form__palette" role="group" aria-label={t('labels.palette')}>
          {LABEL_PALETTE.map((swatch) => (
            <button
              key={swatch}
              type="button"
              className={`label-swatch ${colour.toLowerCase() === swatch ? 'is-selected' : ''}`}
              style={{ backgroundColor: swatch }}
              aria-label={swatch}
              aria-pressed={colour.toLowerCase() === swatch}
              onClick={() => setColour(swatch)}
              data-testid={`label-swatch-${swatch.slice(1)}`}
            />
          ))}
        </div>
        <input
          className="label-form__hex"
          value={colour}
          onChange={(e) => setColour(e.target.value)}
          aria-label={t('labels.hex')}
          aria-invalid={!colourValid}
          placeholder="#rrggbb"
          maxLength={7}
          spellCheck={false}
          data-testid="label-colour"
        />
        {!colourValid && <span className="form-error small">{t('labels.hexInvalid')}</span>}
      </fieldset>
      {named && colourValid && (
        <p className="label-form__preview">
          {t('labels.preview')} <LabelChip label={{ id: label?.id ?? 'new', nameEn: nameEn.trim() || nameRu.trim(), nameRu: nameRu.trim() || nameEn.trim(), colour }} />
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="label-form__actions">
        <button className="button button--primary" type="submit" disabled={saving || !named || !colourValid} data-testid="label-submit">
          {label ? t('labels.save') : t('labels.create')}
        </button>
        <button className="button button--ghost" type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
