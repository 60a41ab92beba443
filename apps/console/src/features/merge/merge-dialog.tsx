import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MergePreviewDto, MergeResultDto } from '@parley/contracts';
import { customerName } from '../customers/customer-name';
import { mergeActivity } from './merge-activity';
import { mergeApi } from './merge-api';
import { MergeRecord } from './merge-record';
import { resultFootprint, swapSides, type MergeSides } from './merge-sides';
import { useDialogFocus } from './use-dialog-focus';
import './merge.css';

interface MergeDialogProps {
  sides: MergeSides;
  onClose(): void;
  onMerged?(result: MergeResultDto): void;
}

/** Review before merging: both records side by side, the result, which one to keep, then Confirm. */
export function MergeDialog({ sides: initialSides, onClose, onMerged }: MergeDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogFocus(dialog, onClose);
  const [sides, setSides] = useState(initialSides);
  const [preview, setPreview] = useState<MergePreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    mergeApi
      .preview(sides.targetId, sides.sourceId)
      .then((next) => !cancelled && setPreview(next))
      .catch((err: Error) => !cancelled && setError(t('merge.previewFailed', { error: err.message })));
    return () => {
      cancelled = true;
    };
  }, [sides, t]);

  // A preview of the other orientation is still on screen while the swapped one loads: never confirm that one.
  const current = preview && preview.target.id === sides.targetId && preview.source.id === sides.sourceId ? preview : null;

  const confirm = async () => {
    if (!current || merging) return;
    setMerging(true);
    setError(null);
    try {
      const result = await mergeApi.merge(current.target.id, current.source.id);
      const anonymous = t('customer.anonymous');
      mergeActivity.merged({
        merge: result.merge,
        targetName: customerName(current.target) ?? anonymous,
        sourceName: customerName(current.source) ?? anonymous,
      });
      onMerged?.(result);
      onClose();
    } catch (err) {
      setError(t('merge.mergeFailed', { error: (err as Error).message }));
      setMerging(false);
    }
  };

  // Portalled to <body>: the customer panel scrolls and is hidden on narrow screens, the dialog must not be.
  return createPortal(
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        ref={dialog}
        className="dialog merge-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="merge-dialog-title"
        data-testid="merge-dialog"
        data-target={current?.target.id}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog__header">
          <h2 id="merge-dialog-title">{t('merge.dialogTitle')}</h2>
          <button className="icon-button" onClick={onClose} aria-label={t('common.close')} data-testid="merge-close">
            ×
          </button>
        </div>
        {preview ? (
          <div className={`merge-columns ${current ? '' : 'is-loading'}`} aria-busy={!current}>
            <MergeRecord
              heading={t('merge.columnTarget')}
              record={preview.target}
              identities={preview.target.identities}
              footprint={preview.targetFootprint}
              testId="merge-column-target"
            />
            <MergeRecord
              heading={t('merge.columnSource')}
              record={preview.source}
              identities={preview.source.identities}
              footprint={preview.sourceFootprint}
              testId="merge-column-source"
            />
            <MergeRecord
              heading={t('merge.columnResult')}
              record={preview.result}
              identities={[...preview.target.identities, ...preview.source.identities]}
              footprint={resultFootprint(preview)}
              testId="merge-column-result"
              highlight
            />
          </div>
        ) : (
          !error && <p className="muted">{t('common.loading')}</p>
        )}
        <p className="muted small">{t('merge.resultHint')}</p>
        {error && (
          <p className="form-error" role="alert" data-testid="merge-error">
            {error}
          </p>
        )}
        <div className="merge-dialog__actions">
          <button className="button" onClick={() => setSides(swapSides(sides))} disabled={merging} data-testid="merge-swap">
            {t('merge.swap')}
          </button>
          <span className="merge-dialog__spacer" />
          <button className="button button--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button className="button button--primary" onClick={() => void confirm()} disabled={!current || merging} data-testid="merge-confirm">
            {merging ? t('merge.merging') : t('merge.confirm')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
