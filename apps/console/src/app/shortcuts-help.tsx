import { useTranslation } from 'react-i18next';
import { REPLY_SHORTCUT_HELP, SHORTCUT_HELP } from './keyboard-shortcuts';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-help"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog__header">
          <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
          <button className="icon-button" onClick={onClose} aria-label={t('common.close')} autoFocus>
            ×
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUT_HELP.map(({ keys, action }) => (
            <div className="shortcut-list__row" key={action}>
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`shortcuts.${action}`)}</dd>
            </div>
          ))}
        </dl>
        <h3 className="shortcut-list__title">{t('shortcuts.replyTitle')}</h3>
        <dl className="shortcut-list" data-testid="reply-shortcuts">
          {REPLY_SHORTCUT_HELP.map(({ keys, action }) => (
            <div className="shortcut-list__row" key={action} data-action={action}>
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`shortcuts.reply.${action}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">{t('shortcuts.hint')}</p>
        <p className="muted small">{t('shortcuts.replyHint')}</p>
      </div>
    </div>
  );
}
