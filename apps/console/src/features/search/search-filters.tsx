import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConversationStatus, SearchSort } from '@parley/contracts';
import { CHANNELS } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { useCurrentUser } from '../auth/auth-context';
import { useDirectory } from '../conversations/use-directory';
import { routingApi } from '../sla/routing-api';
import { searchApi } from './search-api';
import type { SearchFilters } from './search-request';

const STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

interface SearchFiltersBarProps {
  filters: SearchFilters;
  onChange(next: SearchFilters): void;
}

/** The filters GET /api/search takes. The label filter shows once the labels api answers. */
export function SearchFiltersBar({ filters, onChange }: SearchFiltersBarProps) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const directory = useDirectory();
  const teams = useQuery({ queryKey: queryKeys.searchTeams, queryFn: () => routingApi.teams(), staleTime: 60_000 }).data ?? [];
  const labels = useQuery({ queryKey: queryKeys.searchLabels, queryFn: () => searchApi.labels(), staleTime: 60_000 }).data ?? null;
  const set = <K extends keyof SearchFilters>(key: K) => (value: SearchFilters[K]) => onChange({ ...filters, [key]: value });
  const select = <K extends keyof SearchFilters>(key: K, label: string, options: { value: string; label: string }[]) => (
    <label className="search-filters__field">
      <span className="small muted">{label}</span>
      <select className="input" value={filters[key]} data-testid={`search-filter-${key}`} onChange={(e) => set(key)(e.target.value as SearchFilters[K])}>
        {key !== 'sort' && <option value="">{t('search.filters.any')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="search-filters" data-testid="search-filters">
      {select('channel', t('search.filters.channel'), CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })))}
      {select('inboxId', t('search.filters.inbox'), directory.inboxes.map((i) => ({ value: i.id, label: i.name })))}
      {select('teamId', t('search.filters.team'), teams.map((team) => ({ value: team.id, label: team.name })))}
      {select('status', t('search.filters.status'), STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })))}
      {labels && select('labelId', t('search.filters.label'), labels.map((l) => ({ value: l.id, label: i18n.language.startsWith('ru') ? l.nameRu || l.nameEn : l.nameEn || l.nameRu })))}
      {select('assigneeId', t('search.filters.assignee'), [
        { value: 'me', label: t('search.filters.me') },
        { value: 'none', label: t('search.filters.unassigned') },
        ...directory.users.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.name })),
      ])}
      <label className="search-filters__field">
        <span className="small muted">{t('search.filters.from')}</span>
        <input className="input" type="date" value={filters.from} data-testid="search-filter-from" onChange={(e) => set('from')(e.target.value)} />
      </label>
      <label className="search-filters__field">
        <span className="small muted">{t('search.filters.to')}</span>
        <input className="input" type="date" value={filters.to} data-testid="search-filter-to" onChange={(e) => set('to')(e.target.value)} />
      </label>
      {select('sort', t('search.filters.sort'), (['relevance', 'newest'] as SearchSort[]).map((s) => ({ value: s, label: t(`search.sort.${s}`) })))}
    </div>
  );
}
