import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MergeDialog } from '../../merge/merge-dialog';
import { suggestionSides, type MergeSides } from '../../merge/merge-sides';
import { MergeSuggestionCard } from '../../merge/merge-suggestion-card';
import { useMergeSuggestions } from '../../merge/use-merge-suggestions';
import '../../merge/merge.css';

const SHOWN = 3;

/** "Possible duplicates": the newest open merge suggestions, reviewed in the merge flow, and a link to all of them. */
export function DirectoryDuplicates({ onSeeAll }: { onSeeAll(): void }) {
  const { t } = useTranslation();
  const { items, dismiss } = useMergeSuggestions(null, 100);
  const [reviewing, setReviewing] = useState<MergeSides | null>(null);
  if (!items || items.length === 0) return null;

  return (
    <section className="directory-duplicates" data-testid="directory-duplicates" aria-labelledby="directory-duplicates-title">
      <div className="panel-section__header">
        <h2 id="directory-duplicates-title" className="panel-section__title">
          {t('directory.duplicates', { count: items.length })}
        </h2>
        <button className="button button--small button--ghost" data-testid="directory-duplicates-all" onClick={onSeeAll}>
          {t('directory.allDuplicates')}
        </button>
      </div>
      <ul className="merge-suggestions">
        {items.slice(0, SHOWN).map((suggestion) => (
          <MergeSuggestionCard
            key={suggestion.id}
            suggestion={suggestion}
            onReview={() => setReviewing(suggestionSides(suggestion))}
            onDismiss={() => dismiss(suggestion.id)}
          />
        ))}
      </ul>
      {reviewing && <MergeDialog sides={reviewing} onClose={() => setReviewing(null)} />}
    </section>
  );
}
