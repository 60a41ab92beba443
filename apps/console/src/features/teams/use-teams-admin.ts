import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AgentDto, BusinessCalendarDto, Channel, InboxDto, RoutingRuleDto, SlaPolicyDto, TeamDto, XlaPolicyDto } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { routingApi } from '../sla/routing-api';

export interface TeamsAdminData {
  teams: TeamDto[];
  agents: AgentDto[];
  rules: RoutingRuleDto[];
  policies: SlaPolicyDto[];
  calendars: BusinessCalendarDto[];
  xla: XlaPolicyDto[];
  inboxes: InboxDto[];
  weights: Record<Channel, number>;
}

/** Which item of each list is open in its section's form; null: the form creates a new one. */
export type Editing = Partial<Record<'team' | 'rule' | 'policy' | 'calendar' | 'xla', string>>;

async function loadTeamsAdmin(): Promise<TeamsAdminData> {
  const [teams, agents, rules, policies, calendars, xla, inboxes, settings] = await Promise.all([
    routingApi.teams(), routingApi.agents(), routingApi.rules(), routingApi.policies(), routingApi.calendars(), routingApi.xlaPolicies(),
    routingApi.inboxes(), routingApi.settings(),
  ]);
  return { teams, agents, rules, policies, calendars, xla, inboxes, weights: settings.channelWeights };
}

/** Everything the page shows, loaded at once and again after each change, and which item each form edits. */
export function useTeamsAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.teamsAdmin, queryFn: loadTeamsAdmin });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({});
  const data = query.data ?? null;
  const error = refusal ?? (query.error ? query.error.message : null);
  const reload = () => {
    setRefusal(null);
    return queryClient.invalidateQueries({ queryKey: queryKeys.teamsAdmin });
  };

  /** Saves, then re-reads the lists; a rejection reaches the form that asked. */
  const save = (p: Promise<unknown>) => p.then((res) => (void reload(), res));
  const edit = (kind: keyof Editing, id: string | undefined) => {
    setEditing((e) => ({ ...e, [kind]: id }));
    if (id) requestAnimationFrame(() => document.querySelector(`[data-testid="${kind}-form"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  };
  /** Deletes once confirmed; a deleted item open in its form closes it. A refusal shows above the sections, not in a form. */
  const remove = (kind: keyof Editing, id: string, question: string, call: () => Promise<unknown>) => {
    if (!window.confirm(question)) return;
    call().then(() => (id === editing[kind] && edit(kind, undefined), reload()), (err: Error) => setRefusal(t('teams.saveFailed', { message: err.message })));
  };
  return { data, error, editing, save, edit, remove };
}
