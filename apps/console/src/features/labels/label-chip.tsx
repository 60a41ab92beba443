import { useTranslation } from 'react-i18next';
import type { ConversationLabelDto } from '@parley/contracts';
import { chipTextColour, labelName } from './label-view';
import './labels.css';

interface LabelChipProps {
  label: ConversationLabelDto;
  /** Shows a × button that removes the label. */
  onRemove?(): void;
  disabled?: boolean;
}

/** A label as a coloured chip, named in the console's language. Names are rendered as text, never as HTML. */
export function LabelChip({ label, onRemove, disabled }: LabelChipProps) {
  const { t, i18n } = useTranslation();
  const name = labelName(label, i18n.resolvedLanguage ?? 'en');
  return (
    <span
      className="label-chip"
      style={{ backgroundColor: label.colour, color: chipTextColour(label.colour) }}
      data-testid="label-chip"
      data-label-id={label.id}
      title={name}
    >
      <span className="label-chip__name">{name}</span>
      {onRemove && (
        <button
          type="button"
          className="label-chip__remove"
          aria-label={t('labels.remove', { name })}
          disabled={disabled}
          onClick={(e) => {
            e.stopPropagation();
            onRemove();
          }}
          data-testid="label-chip-remove"
        >
          ×
        </button>
      )}
    </span>
  );
}

/** The chips of a conversation list row (read only). */
export function LabelChips({ labels }: { labels: readonly ConversationLabelDto[] | undefined }) {
  if (!labels?.length) return null;
  return (
    <span className="label-chips" data-testid="label-chips">
      {labels.map((label) => (
        <LabelChip key={label.id} label={label} />
      ))}
    </span>
  );
}
