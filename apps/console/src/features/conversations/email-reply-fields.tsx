import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './email-reply-fields.css';

interface EmailReplyFieldsProps {
  subject: string;
  cc: string;
  invalidCc: string[];
  onSubjectChange(value: string): void;
  onCcChange(value: string): void;
}

/** Subject and CC above an email reply. */
export function EmailReplyFields({ subject, cc, invalidCc, onSubjectChange, onCcChange }: EmailReplyFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="email-fields">
      <label className="email-fields__row" htmlFor={`${id}-subject`}>
        <span className="email-fields__label">{t('composerEmail.subject')}</span>
        <input
          id={`${id}-subject`}
          className="email-fields__input"
          data-testid="reply-subject"
          value={subject}
          maxLength={300}
          onChange={(e) => onSubjectChange(e.target.value)}
        />
      </label>
      <label className="email-fields__row" htmlFor={`${id}-cc`}>
        <span className="email-fields__label">{t('composerEmail.cc')}</span>
        <input
          id={`${id}-cc`}
          className="email-fields__input"
          data-testid="reply-cc"
          type="text"
          inputMode="email"
          value={cc}
          placeholder={t('composerEmail.ccPlaceholder')}
          aria-invalid={invalidCc.length > 0}
          aria-describedby={invalidCc.length ? `${id}-cc-error` : undefined}
          onChange={(e) => onCcChange(e.target.value)}
        />
      </label>
      {invalidCc.length > 0 && (
        <p id={`${id}-cc-error`} className="email-fields__error form-error" role="alert" data-testid="reply-cc-error">
          {t('composerEmail.invalidCc', { addresses: invalidCc.join(', ') })}
        </p>
      )}
    </div>
  );
}
