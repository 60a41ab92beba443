import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDto, MergeSuggestionDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { customerName } from '../customers/customer-name';
import { describeEvidence, joinWords } from './merge-evidence';
import { otherCustomer } from './merge-sides';

interface MergeSuggestionCardProps {
  suggestion: MergeSuggestionDto;
  /** The customer the agent has open: the card then names only the other record. */
  openCustomerId?: string;
  onReview(): void;
  onDismiss(): Promise<void>;
}

export function MergeSuggestionCard({ suggestion, openCustomerId, onReview, onDismiss }: MergeSuggestionCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameOf = (c: CustomerDto) => customerName(c) ?? t('customer.anonymous');
  const records = openCustomerId ? [otherCustomer(suggestion, openCustomerId)] : [suggestion.customer, suggestion.duplicate];

  const dismiss = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await onDismiss();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <li className="merge-suggestion" data-testid="merge-suggestion" data-suggestion-id={suggestion.id}>
      <p className="merge-suggestion__names">
        {records.map((record, i) => (
          <span key={record.id}>
            {i > 0 && <span className="muted"> ⇄ </span>}
            <strong data-testid="merge-suggestion-name">{nameOf(record)}</strong>
          </span>
        ))}
      </p>
      <ul className="merge-suggestion__evidence">
        {suggestion.evidence.map((evidence, i) => {
          const wording = describeEvidence(evidence, suggestion.customer, suggestion.duplicate);
          const channels = joinWords(wording.channels.map((c) => t(`channel.${c}`)), locale);
          return (
            <li key={i} data-testid="merge-evidence" data-kind={evidence.kind}>
              {t(wording.key, { value: wording.value, channels })}
            </li>
          );
        })}
      </ul>
      <div className="merge-suggestion__actions">
        <button className="button button--small button--primary" onClick={onReview} data-testid="merge-review">
          {t('merge.review')}
        </button>
        <button className="button button--small button--ghost" onClick={() => void dismiss()} disabled={busy} data-testid="merge-dismiss">
          {t('merge.dismiss')}
        </button>
      </div>
      {failed && <p className="form-error small">{t('merge.dismissFailed')}</p>}
    </li>
  );
}
