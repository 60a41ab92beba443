import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelDto } from '@parley/contracts';
import { LabelChip } from './label-chip';
import { LabelForm } from './label-form';
import { useLabelAdmin, useLabels } from './use-labels';

/** The admin page's labels card: create, rename, recolour and delete the labels agents put on conversations. */
export function LabelsAdmin() {
  const { t } = useTranslation();
  const { labels, error: loadError, loading } = useLabels();
  const admin = useLabelAdmin();
  // 'new', a label being edited, or nothing.
  const [editing, setEditing] = useState<'new' | LabelDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = (label: LabelDto) => {
    if (!window.confirm(t('labels.deleteConfirm', { name: label.nameRu }))) return;
    setError(null);
    admin.remove(label.id).catch((err: Error) => setError(err.message));
  };

  return (
    <section className="card" id="labels" data-testid="admin-labels">
      <div className="card__header">
        <h2>{t('labels.title')}</h2>
        <button
          className="button button--primary button--small"
          onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))}
          data-testid="label-create-open"
        >
          {editing === 'new' ? t('common.cancel') : t('labels.new')}
        </button>
      </div>
      {editing === 'new' && (
        <LabelForm
          onSave={async (input) => {
            await admin.create(input);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {(error ?? loadError) && <p className="form-error">{error ?? loadError}</p>}
      {loading && <p className="muted">{t('common.loading')}</p>}
      {!loading && labels.length === 0 && <p className="muted">{t('labels.none')}</p>}
      <ul className="label-admin-list">
        {labels.map((label) => (
          <li key={label.id} className="label-admin-list__row" data-testid="label-row" data-label-id={label.id}>
            {editing !== 'new' && editing?.id === label.id ? (
              <LabelForm
                label={label}
                onSave={async (input) => {
                  await admin.update(label.id, input);
                  setEditing(null);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <>
                <LabelChip label={label} />
                <span className="muted small">
                  {label.nameEn} · {label.nameRu} · <code>{label.colour}</code>
                </span>
                <span className="label-admin-list__actions">
                  <button className="button button--small" onClick={() => setEditing(label)} data-testid="label-edit">
                    {t('labels.edit')}
                  </button>
                  <button className="button button--small button--ghost" onClick={() => remove(label)} data-testid="label-delete">
                    {t('labels.delete')}
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
