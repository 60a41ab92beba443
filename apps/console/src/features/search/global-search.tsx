import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isEditableTarget, mapShortcut } from '../../app/keyboard-shortcuts';
import { moveActive, searchEntries, type SearchTarget } from './result-navigation';
import { MAX_QUERY_LENGTH } from './search-request';
import { ConversationHitView, CustomerHitView, MessageHitView } from './search-hits';
import { useLiveSearch } from './use-search';
import './search.css';

interface GlobalSearchProps {
  onOpen(target: SearchTarget): void;
  onSeeAll(query: string): void;
}

const LISTBOX_ID = 'global-search-results';
const optionId = (key: string) => `global-search-${key.replace(/[^a-z0-9-]/gi, '-')}`;

/** The header's search box: `/` focuses it, results arrive as the agent types, ↑/↓/Enter open one. */
export function GlobalSearch({ onOpen, onSeeAll }: GlobalSearchProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useLiveSearch(text);
  const entries = useMemo(() => searchEntries(search.response), [search.response]);
  useEffect(() => setActive(-1), [search.response]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const action = mapShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inEditable: isEditableTarget(event.target as HTMLElement | null),
      });
      if (action !== 'focusSearch') return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (target: SearchTarget) => {
    close();
    input.current?.blur();
    onOpen(target);
  };
  const seeAll = () => {
    if (search.problem) return;
    close();
    input.current?.blur();
    onSeeAll(text.trim());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => moveActive(index, entries.length, event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0 && entries[active]) choose(entries[active].target);
      else if (text.trim() === search.settledText.trim()) seeAll();
    } else if (event.key === 'Escape') {
      // The console's own Escape then takes the focus out of the box.
      setText('');
      close();
    }
  };

  const activeKey = active >= 0 ? entries[active]?.key : undefined;
  const showPanel = open && text.trim() !== '';
  return (
    <div className="global-search" role="search">
      <input
        ref={input}
        className="input global-search__input"
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={showPanel}
        aria-controls={LISTBOX_ID}
        aria-autocomplete="list"
        aria-activedescendant={activeKey ? optionId(activeKey) : undefined}
        data-testid="global-search-input"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {showPanel && (
        // Clicks inside keep the focus in the box, so choosing a result is not a blur that closes the panel first.
        <div className="global-search__panel" data-testid="global-search-panel" onMouseDown={(e) => e.preventDefault()}>
          <SearchPanelBody search={search} entriesKey={activeKey} onChoose={choose} />
          {!search.problem && (
            <button className="global-search__all" data-testid="global-search-all" onClick={seeAll}>
              {t('search.seeAll')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function SearchPanelBody({ search, entriesKey, onChoose }: { search: ReturnType<typeof useLiveSearch>; entriesKey?: string; onChoose(target: SearchTarget): void }) {
  const { t } = useTranslation();
  if (search.problem === 'tooLong') return <p className="global-search__note" data-testid="global-search-note">{t('search.tooLong', { max: MAX_QUERY_LENGTH })}</p>;
  if (search.problem === 'empty') return <p className="global-search__note muted">{t('search.typeToSearch')}</p>;
  if (search.error && !search.response) return <p className="global-search__note form-error">{t('search.failed')}</p>;
  const response = search.response;
  if (!response) return <p className="global-search__note muted">{t('search.searching')}</p>;
  const entries = searchEntries(response);
  if (entries.length === 0) {
    return <p className="global-search__note muted" data-testid="global-search-empty">{search.fetching ? t('search.searching') : t('search.noResults')}</p>;
  }
  const group = (key: 'messages' | 'conversations' | 'customers', rows: { key: string; node: ReactNode; target: SearchTarget }[]) => {
    if (!rows.length) return null;
    const more = response[key]?.nextCursor ? '+' : '';
    return (
      <div className="global-search__group" role="group" aria-label={t(`search.groups.${key}`)} data-testid={`global-search-group-${key}`}>
        <div className="global-search__group-title">
          {t(`search.groups.${key}`)} <span className="muted">{`${rows.length}${more}`}</span>
        </div>
        {rows.map((row) => (
          <div
            key={row.key}
            id={optionId(row.key)}
            role="option"
            aria-selected={row.key === entriesKey}
            className={`search-hit ${row.key === entriesKey ? 'is-active' : ''}`}
            data-testid="global-search-hit"
            onClick={() => onChoose(row.target)}
          >
            {row.node}
          </div>
        ))}
      </div>
    );
  };
  const byKey = new Map(entries.map((e) => [e.key, e.target]));
  return (
    <div id={LISTBOX_ID} role="listbox" aria-label={t('search.results')} aria-busy={search.fetching}>
      {group('messages', (response.messages?.items ?? []).map((hit) => ({ key: `message:${hit.id}`, target: byKey.get(`message:${hit.id}`)!, node: <MessageHitView hit={hit} /> })))}
      {group('conversations', (response.conversations?.items ?? []).map((hit) => ({ key: `conversation:${hit.id}`, target: byKey.get(`conversation:${hit.id}`)!, node: <ConversationHitView hit={hit} /> })))}
      {group('customers', (response.customers?.items ?? []).map((hit) => ({ key: `customer:${hit.id}`, target: byKey.get(`customer:${hit.id}`)!, node: <CustomerHitView hit={hit} /> })))}
    </div>
  );
}
