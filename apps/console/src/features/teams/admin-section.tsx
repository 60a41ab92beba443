import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One card of the page: a title, a hint, then its form and its list. */
export function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section className="card">
      <div className="card__header card__header--stacked">
        <h2>{title}</h2>
        <p className="muted small">{hint}</p>
      </div>
      {children}
    </section>
  );
}

export function RowActions({ kind, onEdit, onDelete }: { kind: string; onEdit: () => void; onDelete?: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="row-actions">
      <button className="button button--ghost button--small" onClick={onEdit} data-testid={`${kind}-edit`}>{t('teams.edit')}</button>
      {onDelete && <button className="button button--ghost button--small" onClick={onDelete} data-testid={`${kind}-delete`}>{t('teams.delete')}</button>}
    </span>
  );
}

/** What each list gives the page: which row is open in the form, and the row's buttons. */
export interface ListProps<T> {
  editingId: string | undefined;
  onEdit: (id: string) => void;
  onDelete: (item: T) => void;
}
