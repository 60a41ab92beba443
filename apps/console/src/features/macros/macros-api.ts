import { queryOptions } from '@tanstack/react-query';
import type { MacroDto, MacroInputDto, MacroPreviewDto, MacroRunDto, MacroRunResultDto, MacroUndoResultDto, TeamDto } from '@parley/contracts';
import { http } from '../../api/http-client';
import { queryKeys } from '../../app/query-keys';
import type { BulkScope } from '../views/view-filter';

const id = encodeURIComponent;

/** One conversation, or what the bulk bar has chosen. */
export type MacroTarget = { conversationId: string } | BulkScope;

export const macrosApi = {
  list: () => http.get<MacroDto[]>('/api/macros'),
  create: (input: MacroInputDto) => http.post<MacroDto>('/api/macros', input),
  update: (macroId: string, patch: Partial<MacroInputDto>) => http.patch<MacroDto>(`/api/macros/${id(macroId)}`, patch),
  remove: (macroId: string) => http.delete<void>(`/api/macros/${id(macroId)}`),
  preview: (macroId: string, target: MacroTarget) =>
    http.post<MacroPreviewDto>(`/api/macros/${id(macroId)}/preview`, 'conversationId' in target ? { conversationIds: [target.conversationId] } : target),
  run: (macroId: string, target: MacroTarget) => http.post<MacroRunResultDto>(`/api/macros/${id(macroId)}/run`, target),
  lastRun: () => http.get<MacroRunDto>('/api/macros/runs/last'),
  undo: () => http.post<MacroUndoResultDto>('/api/macros/runs/last/undo', {}),
  teams: () => http.get<TeamDto[]>('/api/teams'),
};

/** What the user may run; re-read on `macro.changed` (app/live-cache.ts). */
export const macrosQuery = queryOptions({ queryKey: queryKeys.macros, queryFn: macrosApi.list, staleTime: 5 * 60_000 });
export const macroTeamsQuery = queryOptions({ queryKey: queryKeys.macroTeams, queryFn: macrosApi.teams, staleTime: 5 * 60_000 });
