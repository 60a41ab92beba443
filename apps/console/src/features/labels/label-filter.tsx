import { useTranslation } from 'react-i18next';
import { labelName } from './label-view';
import { useLabels } from './use-labels';

interface LabelFilterProps {
  labelId: string | null;
  onChange(labelId: string | null): void;
}

/** The conversation list's label filter: every label, or the conversations carrying one. */
export function LabelFilter({ labelId, onChange }: LabelFilterProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { labels } = useLabels();
  // A label deleted meanwhile stays selectable until changed, so the select never shows a wrong name.
  const known = !labelId || labels.some((l) => l.id === labelId);
  if (!labels.length && !labelId) return null;
  return (
    <select
      className="select select--compact"
      data-testid="label-filter"
      aria-label={t('labels.filter')}
      value={labelId ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{t('labels.allLabels')}</option>
      {!known && <option value={labelId!}>{t('labels.unknown')}</option>}
      {[...labels]
        .sort((a, b) => labelName(a, language).localeCompare(labelName(b, language), language))
        .map((label) => (
          <option key={label.id} value={label.id}>
            {labelName(label, language)}
          </option>
        ))}
    </select>
  );
}
