import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDto } from '@parley/contracts';
import { customerName } from '../customers/customer-name';
import { mergeApi } from './merge-api';

/** Typing settles before a search goes out, so a name typed quickly costs one request. */
const SEARCH_DELAY_MS = 250;

/** "Merge with…": finds another live customer by name, email or phone for a merge nobody suggested. */
export function MergeSearch({ customer, onPick }: { customer: CustomerDto; onPick(other: CustomerDto): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CustomerDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setResults(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      mergeApi
        .search(text)
        .then((page) => {
          if (cancelled) return;
          setResults(page.items.filter((c) => c.id !== customer.id && !c.mergedIntoId));
          setError(null);
        })
        .catch((err: Error) => !cancelled && setError(err.message));
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, customer.id]);

  return (
    <div className="merge-search" data-testid="merge-search">
      <input
        type="search"
        value={query}
        placeholder={t('merge.searchPlaceholder')}
        aria-label={t('merge.searchLabel')}
        data-testid="merge-search-input"
        onChange={(e) => setQuery(e.target.value)}
        autoFocus
      />
      {error && <p className="form-error small">{error}</p>}
      {results && results.length === 0 && <p className="muted small">{t('merge.searchEmpty')}</p>}
      {results && results.length > 0 && (
        <ul className="merge-search__results">
          {results.map((other) => (
            <li key={other.id}>
              <button className="merge-search__result" onClick={() => onPick(other)} data-testid="merge-search-result">
                <strong>{customerName(other) ?? t('customer.anonymous')}</strong>
                <span className="muted small">{[other.email, other.phone].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
