import { useTranslation } from 'react-i18next';
import type { AttachmentDto, Channel } from '@parley/contracts';
import type { CannedInsertion } from './use-canned-insert';

interface Props {
  channel: Channel;
  /** `{{…}}` still in the draft. */
  unresolved: string[];
  insertion: CannedInsertion | null;
  attachments: AttachmentDto[];
  onRemoveAttachment(id: string | undefined): void;
}

/** Under the reply box after a canned response went in: what to fill in, how it fits the channel, its files. */
export function CannedDraftNotices({ channel, unresolved, insertion, attachments, onRemoveAttachment }: Props) {
  const { t } = useTranslation();
  const fitness = insertion?.fitness ?? {};
  const notes: { key: string; text: string; blocking?: boolean }[] = [];
  if (fitness.smsSegments && fitness.smsSegments > 1) notes.push({ key: 'sms', text: t('canned.smsSegments', { count: fitness.smsSegments }) });
  if (fitness.tooLong) notes.push({ key: 'long', text: t('canned.tooLong', { channel: t(`channel.${channel}`), max: fitness.maxLength }), blocking: true });
  if (fitness.whatsappWindowClosed) {
    notes.push({
      key: 'window',
      text: fitness.template ? t('canned.windowClosedTemplate', { template: fitness.template.name }) : t('canned.windowClosed'),
      blocking: true,
    });
  }
  if (!unresolved.length && !notes.length && !attachments.length) return null;
  return (
    <div className="canned-notices" data-testid="canned-notices">
      {unresolved.map((name) => (
        <span key={name} className="canned-chip canned-chip--missing" role="status" data-testid="canned-missing">
          {t('canned.missing', { name })}
        </span>
      ))}
      {notes.map((n) => (
        <span key={n.key} className={`canned-chip ${n.blocking ? 'canned-chip--blocking' : ''}`} role="status" data-testid={`canned-fitness-${n.key}`}>
          {n.text}
        </span>
      ))}
      {attachments.map((a) => (
        <span key={a.id} className="canned-chip canned-chip--file" data-testid="canned-attachment">
          📎 {a.fileName ?? a.contentType}
          <button type="button" className="canned-chip__remove" aria-label={t('canned.removeAttachment', { name: a.fileName ?? a.contentType })} onClick={() => onRemoveAttachment(a.id)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
