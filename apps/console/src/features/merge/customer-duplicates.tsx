import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDto } from '@parley/contracts';
import { MergeDialog } from './merge-dialog';
import { MergeSearch } from './merge-search';
import { defaultSides, suggestionSides, type MergeSides } from './merge-sides';
import { MergeSuggestionCard } from './merge-suggestion-card';
import { useMergeSuggestions } from './use-merge-suggestions';
import './merge.css';

/** "Possible duplicates" in the customer panel: suggestions for the open customer, and a manual "Merge with…". */
export function CustomerDuplicates({ customer }: { customer: CustomerDto }) {
  const { t } = useTranslation();
  const { items, dismiss } = useMergeSuggestions(customer.id);
  const [searching, setSearching] = useState(false);
  const [reviewing, setReviewing] = useState<MergeSides | null>(null);

  return (
    <section className="panel-section merge-duplicates" data-testid="merge-suggestions">
      <div className="panel-section__header">
        <h3 className="panel-section__title">{t('merge.suggestionsTitle')}</h3>
        <button className="button button--small" aria-expanded={searching} data-testid="merge-with" onClick={() => setSearching((open) => !open)}>
          {searching ? t('common.cancel') : t('merge.mergeWith')}
        </button>
      </div>
      {searching && (
        <MergeSearch
          customer={customer}
          onPick={(other) => {
            setSearching(false);
            setReviewing(defaultSides(customer, other));
          }}
        />
      )}
      {items && items.length > 0 && (
        <ul className="merge-suggestions">
          {items.map((suggestion) => (
            <MergeSuggestionCard
              key={suggestion.id}
              suggestion={suggestion}
              openCustomerId={customer.id}
              onReview={() => setReviewing(suggestionSides(suggestion))}
              onDismiss={() => dismiss(suggestion.id)}
            />
          ))}
        </ul>
      )}
      {reviewing && <MergeDialog sides={reviewing} onClose={() => setReviewing(null)} />}
    </section>
  );
}
