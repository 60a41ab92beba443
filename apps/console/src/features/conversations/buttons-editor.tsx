import { useTranslation } from 'react-i18next';
import { MAX_BUTTON_TEXT, MAX_BUTTONS, type ButtonDraft } from './reply-buttons';

interface ButtonsEditorProps {
  value: ButtonDraft[];
  onChange(value: ButtonDraft[]): void;
}

/** Quick-reply buttons under a reply (a Telegram inline keyboard): a label and a value or link each. */
export function ButtonsEditor({ value, onChange }: ButtonsEditorProps) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<ButtonDraft>) => onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <div className="buttons-editor" data-testid="buttons-editor">
      {value.map((row, i) => (
        <div className="buttons-editor__row" key={i}>
          <input
            value={row.text}
            maxLength={MAX_BUTTON_TEXT}
            placeholder={t('reply.buttonText')}
            aria-label={t('reply.buttonText')}
            onChange={(e) => set(i, { text: e.target.value })}
          />
          <input
            value={row.value}
            placeholder={t('reply.buttonValue')}
            aria-label={t('reply.buttonValue')}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <button type="button" className="button button--ghost" aria-label={t('reply.removeButton')} title={t('reply.removeButton')} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--ghost button--small buttons-editor__add"
        data-testid="add-reply-button"
        disabled={value.length >= MAX_BUTTONS}
        title={t('reply.buttonsHint')}
        onClick={() => onChange([...value, { text: '', value: '' }])}
      >
        + {t('reply.addButton')}
      </button>
    </div>
  );
}
