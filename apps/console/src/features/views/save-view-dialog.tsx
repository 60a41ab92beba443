import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { SavedViewDto, TeamDto } from '@parley/contracts';
import { useDialogFocus } from '../merge/use-dialog-focus';

interface SaveViewDialogProps {
  /** The view being edited; absent: a new view of the current filters. */
  view?: SavedViewDto;
  teams: TeamDto[];
  onSave(name: string, teamId: string | null): Promise<void>;
  onDelete?(): Promise<void>;
  onClose(): void;
}

/** Name a view and choose who sees it: only me, or one of my teams. */
export function SaveViewDialog({ view, teams, onSave, onDelete, onClose }: SaveViewDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLFormElement>(null);
  const onKeyDown = useDialogFocus(dialog, onClose);
  const [name, setName] = useState(view?.name ?? '');
  const [teamId, setTeamId] = useState(view?.teamId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return createPortal(
    <div className="overlay" role="presentation" onClick={onClose}>
      <form
        ref={dialog}
        className="dialog view-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="view-dialog-title"
        data-testid="view-dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void act(() => onSave(name.trim(), teamId || null));
        }}
      >
        <div className="dialog__header">
          <h2 id="view-dialog-title">{view ? t('views.editTitle') : t('views.saveTitle')}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </div>
        <label className="field">
          <span className="field__label">{t('views.name')}</span>
          <input value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} data-testid="view-name" />
        </label>
        <label className="field">
          <span className="field__label">{t('views.visibleTo')}</span>
          <select className="select" value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="view-share">
            <option value="">{t('views.onlyMe')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {t('views.team', { name: team.name })}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="view-error">
            {error}
          </p>
        )}
        <div className="view-dialog__actions">
          {onDelete && (
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => void act(onDelete)} data-testid="view-delete">
              {t('views.delete')}
            </button>
          )}
          <span className="view-dialog__spacer" />
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !name.trim()} data-testid="view-submit">
            {t('views.save')}
          </button>
        </div>
      </form>
    </div>,
    document.body,
  );
}
