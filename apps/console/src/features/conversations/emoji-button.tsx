import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const EmojiPanel = lazy(() => import('./emoji-panel'));

interface EmojiButtonProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  onPick(emoji: string): void;
}

/** The reply box's emoji button (Ctrl+E / ⌘E in the box) and its popover; Esc or a click outside closes it. */
export function EmojiButton({ open, onOpenChange, onPick }: EmojiButtonProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) onOpenChange(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onOpenChange(false);
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open, onOpenChange]);

  return (
    <div className="emoji" ref={root}>
      <button
        type="button"
        className="icon-button reply__tool"
        data-testid="emoji-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={t('emoji.button')}
        aria-label={t('emoji.button')}
        onClick={() => onOpenChange(!open)}
      >
        <span aria-hidden="true">🙂</span>
      </button>
      {open && (
        <div className="emoji__popover" role="dialog" aria-label={t('emoji.button')} data-testid="emoji-picker">
          <Suspense fallback={<div className="emoji__loading muted small">{t('common.loading')}</div>}>
            <EmojiPanel onPick={onPick} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
