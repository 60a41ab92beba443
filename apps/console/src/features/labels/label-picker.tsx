import { useTranslation } from 'react-i18next';
import { useBusyAction } from '../../app/use-busy-action';
import type { ConversationDto } from '@parley/contracts';
import { LabelChip } from './label-chip';
import { addableLabels, labelName } from './label-view';
import { useConversationLabelActions, useLabels } from './use-labels';

/**
 * The conversation header's labels: a chip per label (× removes it) and a list to add one. Both are
 * native controls, so Tab, Enter, Space and the arrow keys work as everywhere else.
 */
export function LabelPicker({ conversation }: { conversation: ConversationDto }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { labels } = useLabels();
  const { addLabel, removeLabel } = useConversationLabelActions();
  const { busy, error, run } = useBusyAction();
  const on = conversation.labels ?? [];
  const addable = addableLabels(labels, on, language);

  return (
    <div className="label-picker" role="group" aria-label={t('labels.title')} data-testid="label-picker">
      {on.map((label) => (
        <LabelChip
          key={label.id}
          label={label}
          disabled={busy}
          onRemove={() => void run(() => removeLabel({ conversationId: conversation.id, labelId: label.id }))}
        />
      ))}
      {addable.length > 0 && (
        <select
          className="select select--compact label-picker__add"
          aria-label={t('labels.add')}
          data-testid="label-add"
          disabled={busy}
          value=""
          onChange={(e) => {
            const labelId = e.target.value;
            if (labelId) void run(() => addLabel({ conversationId: conversation.id, labelId }));
          }}
        >
          <option value="">{t('labels.addPlaceholder')}</option>
          {addable.map((label) => (
            <option key={label.id} value={label.id}>
              {labelName(label, language)}
            </option>
          ))}
        </select>
      )}
      {error && (
        <span className="form-error small" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
