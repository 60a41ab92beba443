import { useTranslation } from 'react-i18next';
import type { InboxDto, RoutingRuleDto, TeamDto } from '@parley/contracts';
import { RowActions, type ListProps } from './admin-section';

export function RoutingRuleList({ rules, teams, inboxes, editingId, onEdit, onDelete }: ListProps<RoutingRuleDto> & { rules: RoutingRuleDto[]; teams: TeamDto[]; inboxes: InboxDto[] }) {
  const { t } = useTranslation();
  const teamName = (id: string | null) => teams.find((x) => x.id === id)?.name ?? '—';
  const inboxName = (id: string | null) => inboxes.find((x) => x.id === id)?.name ?? '—';
  return (
    <ul className="ops-list ops-list--static ops-list--wrap">
      {rules.length === 0 && <li className="ops-list__empty muted">{t('teams.noRules')}</li>}
      {rules.map((r) => (
        <li key={r.id} data-testid="rule-row" className={r.id === editingId ? 'is-editing' : ''}>
          <span className="grow">
            {r.position}.{' '}
            {[
              r.inboxId && `${t('teams.inbox')}: ${inboxName(r.inboxId)}`,
              r.language && `${t('teams.language')}: ${t(`teams.languages.${r.language}`, { defaultValue: r.language })}`,
              r.keywords.length && `${t('teams.keywords')}: ${r.keywords.join(', ')}`,
            ].filter(Boolean).join(' · ') || t('teams.everything')} → <strong>{teamName(r.teamId)}</strong>
          </span>
          <RowActions kind="rule" onEdit={() => onEdit(r.id)} onDelete={() => onDelete(r)} />
        </li>
      ))}
    </ul>
  );
}
