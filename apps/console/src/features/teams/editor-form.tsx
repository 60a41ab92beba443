import { useTranslation } from 'react-i18next';
import type { FormOutcome } from './use-form-status';

export type Submit<T> = (body: T) => Promise<unknown>;

/** What every editor form of the page is given: the item it edits (null: it creates one) and where to send it. */
export interface FormProps<T, B> {
  initial: T | null;
  onSubmit: Submit<B>;
  /** The edit is over (saved or cancelled). */
  onDone: () => void;
}

export function FormStatus({ status }: { status: FormOutcome }) {
  if (!status) return null;
  return (
    <p className={status.kind === 'error' ? 'form-error' : 'form-ok'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid={`form-${status.kind}`}>
      {status.text}
    </p>
  );
}

/** The form's buttons: create, or save and cancel while an item is being edited. */
export function FormFooter({ editing, createLabel, testId, onCancel, status }: { editing: boolean; createLabel: string; testId: string; onCancel: () => void; status: FormOutcome }) {
  const { t } = useTranslation();
  return (
    <div className="admin-form__footer">
      <button className="button button--primary button--small" type="submit" data-testid={editing ? `${testId}-save` : `${testId}-create`}>
        {editing ? t('teams.saveChanges') : createLabel}
      </button>
      {editing && <button className="button button--ghost button--small" type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>{t('teams.cancel')}</button>}
      <FormStatus status={status} />
    </div>
  );
}

/** "Editing …" above a form that holds an existing item. */
export function EditingBanner({ text }: { text: string }) {
  return <p className="admin-form__wide editing-banner" data-testid="editing-banner">{text}</p>;
}
