import { useTranslation } from 'react-i18next';
import type { AgentDto, RoutingRuleDto, SlaPolicyDto, TeamDto } from '@parley/contracts';
import { RowActions, type ListProps } from './admin-section';
import { NoRoutingRuleWarning } from './no-routing-rule-warning';

export function TeamList({ teams, agents, rules, policies, editingId, onEdit, onDelete }: ListProps<TeamDto> & { teams: TeamDto[]; agents: AgentDto[]; rules: RoutingRuleDto[]; policies: SlaPolicyDto[] }) {
  const { t } = useTranslation();
  const teamName = (id: string | null) => teams.find((x) => x.id === id)?.name ?? '—';
  const agentName = (id: string) => agents.find((x) => x.id === id)?.name ?? '—';
  const policyName = (id: string | null) => (id ? policies.find((p) => p.id === id)?.name : null) ?? t('teams.defaultPolicy');
  return (
    <ul className="ops-list ops-list--static ops-list--wrap">
      {teams.length === 0 && <li className="ops-list__empty muted">{t('teams.noTeams')}</li>}
      {teams.map((team) => (
        <li key={team.id} data-testid="team-row" data-team-id={team.id} className={team.id === editingId ? 'is-editing' : ''}>
          <span className="grow">
            <strong>{team.name}</strong> · {t(`teams.strategy.${team.strategy}`)} ·{' '}
            <span title={team.memberIds.map(agentName).join(', ')}>{t('teams.memberCount', { count: team.memberIds.length })}</span>
            {team.leadId && <> · <span data-testid="team-row-lead">{t('teams.leadOf', { name: agentName(team.leadId) })}</span></>} · {t('teams.slaOf', { name: policyName(team.slaPolicyId) })}
            {team.overflowTeamId && ` · ${t('teams.overflowTo', { team: teamName(team.overflowTeamId), minutes: team.overflowAfterMinutes })}`}
          </span>
          {team.memberIds.length > 0 && !rules.some((r) => r.teamId === team.id) && <NoRoutingRuleWarning teamId={team.id} />}
          <RowActions kind="team" onEdit={() => onEdit(team.id)} onDelete={() => onDelete(team)} />
        </li>
      ))}
    </ul>
  );
}
