import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MergeDialog } from './merge-dialog';
import { suggestionSides, type MergeSides } from './merge-sides';
import { MergeSuggestionCard } from './merge-suggestion-card';
import { MergeUndoBanner } from './merge-undo-banner';
import { useMergeSuggestions } from './use-merge-suggestions';
import './merge.css';

/** Every open duplicate suggestion, newest first, live; the same review flow as the customer panel. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const { items, error, dismiss } = useMergeSuggestions(null, 100);
  const [reviewing, setReviewing] = useState<MergeSides | null>(null);

  return (
    <main className="ops-page merge-page" data-testid="duplicates-page">
      <h1>{t('merge.pageTitle')}</h1>
      <p className="ops-page__lead muted">{t('merge.pageLead')}</p>
      <MergeUndoBanner />
      {error && <p className="form-error">{t('merge.loadFailed')}</p>}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && (
        <p className="ops-empty muted" data-testid="duplicates-empty">
          {t('merge.pageEmpty')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="merge-suggestions merge-suggestions--page">
          {items.map((suggestion) => (
            <MergeSuggestionCard
              key={suggestion.id}
              suggestion={suggestion}
              onReview={() => setReviewing(suggestionSides(suggestion))}
              onDismiss={() => dismiss(suggestion.id)}
            />
          ))}
        </ul>
      )}
      {reviewing && <MergeDialog sides={reviewing} onClose={() => setReviewing(null)} />}
    </main>
  );
}
