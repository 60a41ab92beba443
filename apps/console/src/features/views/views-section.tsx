import { useTranslation } from 'react-i18next';
import type { SavedViewDto, ViewCounts } from '@parley/contracts';

interface ViewsSectionProps {
  views: SavedViewDto[];
  counts: ViewCounts;
  error: string | null;
  activeViewId: string | null;
  onSelect(viewId: string | null): void;
  onSaveCurrent(): void;
  onEdit(view: SavedViewDto): void;
}

/** Saved views in the sidebar, personal and shared, each with its live count. */
export function ViewsSection({ views, counts, error, activeViewId, onSelect, onSaveCurrent, onEdit }: ViewsSectionProps) {
  const { t } = useTranslation();
  return (
    <section className="views-section" aria-label={t('views.title')} data-testid="views-section">
      <div className="views-section__header">
        <h3 className="views-section__title">{t('views.title')}</h3>
        <button className="link-button" onClick={onSaveCurrent} data-testid="view-save-current">
          {t('views.saveCurrent')}
        </button>
      </div>
      {error && <p className="form-error">{t('views.loadFailed')}</p>}
      {views.length === 0 && !error && <p className="muted small">{t('views.empty')}</p>}
      <ul className="views-section__list">
        {views.map((view) => {
          const active = view.id === activeViewId;
          return (
            <li key={view.id} className={`view-item ${active ? 'is-active' : ''}`} data-testid="view-item" data-view-id={view.id}>
              <button
                className="view-item__open"
                aria-pressed={active}
                onClick={() => onSelect(active ? null : view.id)}
                title={view.teamId ? t('views.sharedHint') : t('views.personalHint')}
              >
                <span className="view-item__name">{view.name}</span>
                {view.teamId && <span className="view-item__shared" aria-label={t('views.shared')}>👥</span>}
              </button>
              <span className="view-item__count" data-testid="view-count">
                {counts[view.id] ?? '…'}
              </span>
              {view.editable && (
                <button className="icon-button icon-button--small" onClick={() => onEdit(view)} aria-label={t('views.edit', { name: view.name })} data-testid="view-edit">
                  ✎
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
