import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewSavedView, SavedViewChanges, SavedViewDto, TeamDto, ViewCounts } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { viewsApi } from './views-api';

const NO_VIEWS: SavedViewDto[] = [];
const NO_COUNTS: ViewCounts = {};
const NO_TEAMS: TeamDto[] = [];

export interface Views {
  /** Conversation views only: customer views belong to the customer directory. */
  views: SavedViewDto[];
  counts: ViewCounts;
  loading: boolean;
  error: string | null;
  create(view: NewSavedView): Promise<SavedViewDto>;
  update(viewId: string, changes: SavedViewChanges): Promise<SavedViewDto>;
  remove(viewId: string): Promise<void>;
}

/** Saved views with their live counts (re-read after conversation events, app/live-cache.ts). */
export function useViews(): Views {
  const client = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.viewList, queryFn: viewsApi.list });
  const counts = useQuery({ queryKey: queryKeys.viewCounts, queryFn: viewsApi.counts });
  const changed = () => client.invalidateQueries({ queryKey: queryKeys.views });
  const create = useMutation({ mutationFn: viewsApi.create, onSuccess: changed });
  const update = useMutation({ mutationFn: ({ viewId, changes }: { viewId: string; changes: SavedViewChanges }) => viewsApi.update(viewId, changes), onSuccess: changed });
  const remove = useMutation({ mutationFn: viewsApi.remove, onSuccess: changed });
  return {
    views: (list.data ?? NO_VIEWS).filter((view) => view.kind === 'conversations'),
    counts: counts.data ?? NO_COUNTS,
    loading: list.isPending,
    error: list.error?.message ?? null,
    create: (view) => create.mutateAsync(view),
    update: (viewId, changes) => update.mutateAsync({ viewId, changes }),
    remove: (viewId) => remove.mutateAsync(viewId),
  };
}

/** The teams the agent belongs to: a view can be shared with one of them. */
export function useMyTeams(meId: string): TeamDto[] {
  return useQuery({
    queryKey: queryKeys.myTeams(meId),
    queryFn: viewsApi.teams,
    select: (teams: TeamDto[]) => teams.filter((team) => team.memberIds.includes(meId)),
  }).data ?? NO_TEAMS;
}
