import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationHitDto, CustomerHitDto, MessageHitDto, SearchType } from '@parley/contracts';
import type { SearchTarget } from './result-navigation';
import { SearchFiltersBar } from './search-filters';
import { ConversationHitView, CustomerHitView, MessageHitView } from './search-hits';
import { datesInOrder, MAX_QUERY_LENGTH, NO_FILTERS, queryProblem, type SearchFilters } from './search-request';
import { useSearchGroup } from './use-search';
import './search.css';

interface SearchPageProps {
  query: string;
  onQueryChange(query: string): void;
  onOpen(target: SearchTarget): void;
}

/** Every result of a query, by group, with the api's filters and "load more" on each group. */
export function SearchPage({ query, onQueryChange, onOpen }: SearchPageProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const problem = queryProblem(query);
  const datesOk = datesInOrder(filters);
  const enabled = problem === null && datesOk;

  return (
    <main className="ops-page search-page" data-testid="search-page">
      <h1>{t('search.pageTitle')}</h1>
      <form
        className="search-page__form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onQueryChange(text.trim());
        }}
      >
        <input
          className="input search-page__input"
          type="search"
          value={text}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          data-testid="search-page-input"
          onChange={(e) => setText(e.target.value)}
        />
        <button className="button button--primary" type="submit">
          {t('search.submit')}
        </button>
      </form>
      <SearchFiltersBar filters={filters} onChange={setFilters} />
      {problem === 'empty' && <p className="muted">{t('search.typeToSearch')}</p>}
      {problem === 'tooLong' && <p className="form-error">{t('search.tooLong', { max: MAX_QUERY_LENGTH })}</p>}
      {!datesOk && <p className="form-error">{t('search.datesOutOfOrder')}</p>}
      {enabled && (
        <div className="search-page__groups">
          <SearchGroup type="messages" query={query} filters={filters} onOpen={onOpen} />
          <SearchGroup type="conversations" query={query} filters={filters} onOpen={onOpen} />
          <SearchGroup type="customers" query={query} filters={filters} onOpen={onOpen} />
        </div>
      )}
    </main>
  );
}

interface SearchGroupProps {
  type: SearchType;
  query: string;
  filters: SearchFilters;
  onOpen(target: SearchTarget): void;
}

function SearchGroup({ type, query, filters, onOpen }: SearchGroupProps) {
  const { t } = useTranslation();
  const group = useSearchGroup(query, filters, type, true);
  const rows: { key: string; target: SearchTarget; node: ReactNode }[] =
    type === 'messages'
      ? (group.items as MessageHitDto[]).map((hit) => ({ key: hit.id, target: { kind: 'conversation', conversationId: hit.conversationId, messageId: hit.id }, node: <MessageHitView hit={hit} /> }))
      : type === 'conversations'
        ? (group.items as ConversationHitDto[]).map((hit) => ({ key: hit.id, target: { kind: 'conversation', conversationId: hit.id, messageId: hit.messageId }, node: <ConversationHitView hit={hit} /> }))
        : (group.items as CustomerHitDto[]).map((hit) => ({ key: hit.id, target: { kind: 'customer', customerId: hit.id }, node: <CustomerHitView hit={hit} /> }));

  return (
    <section className="search-group" data-testid={`search-group-${type}`} aria-busy={group.fetching}>
      <h2 className="search-group__title">
        {t(`search.groups.${type}`)} <span className="muted">{`${rows.length}${group.hasMore ? '+' : ''}`}</span>
      </h2>
      {group.error && <p className="form-error">{t('search.failed')}</p>}
      {group.loading && <p className="muted">{t('search.searching')}</p>}
      {!group.loading && !group.error && rows.length === 0 && <p className="muted">{t('search.noResults')}</p>}
      <ul className="search-group__list">
        {rows.map((row) => (
          <li key={row.key}>
            <button className="search-hit search-hit--page" data-testid="search-page-hit" onClick={() => onOpen(row.target)}>
              {row.node}
            </button>
          </li>
        ))}
      </ul>
      {group.hasMore && (
        <button className="button button--small" disabled={group.loadingMore} data-testid={`search-more-${type}`} onClick={group.loadMore}>
          {group.loadingMore ? t('common.loading') : t('search.loadMore')}
        </button>
      )}
    </section>
  );
}
