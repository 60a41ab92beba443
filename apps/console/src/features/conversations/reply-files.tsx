import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/use-locale';
import type { ReplyFiles } from './use-reply-files';

/** Under the reply text: the files going with the reply (thumbnails for images), and why others cannot. */
export function ReplyFilesPreview({ files }: { files: ReplyFiles }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!files.files.length && !files.rejections.length) return null;
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('replyFiles.kb', { size: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024)) })
      : t('replyFiles.mb', { size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024) });
  return (
    <div className="reply-files">
      {files.files.length > 0 && (
        <ul className="reply-files__list" aria-label={t('replyFiles.attached')}>
          {files.files.map((file) => (
            <li key={file.key} className={`reply-file reply-file--${file.state}`} data-testid="reply-file" data-state={file.state}>
              {file.previewUrl ? <img className="reply-file__thumb" src={file.previewUrl} alt="" data-testid="reply-file-thumb" /> : <span className="reply-file__icon" aria-hidden="true">📎</span>}
              <span className="reply-file__text">
                <span className="reply-file__name">{file.name}</span>
                <span className="reply-file__meta">
                  {file.state === 'uploading' ? t('replyFiles.uploading') : file.state === 'failed' ? (file.error ?? t('replyFiles.uploadFailed', { name: file.name })) : size(file.size)}
                </span>
              </span>
              <button type="button" className="reply-file__remove" aria-label={t('replyFiles.remove', { name: file.name })} onClick={() => files.remove(file.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.rejections.length > 0 && (
        <div className="reply-files__rejections" role="alert" data-testid="reply-file-error">
          {files.rejections.map((text, i) => (
            <span key={i}>{text}</span>
          ))}
          <button type="button" className="reply-file__remove" aria-label={t('common.close')} onClick={files.dismissRejections}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
