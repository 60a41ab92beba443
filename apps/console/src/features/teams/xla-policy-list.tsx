import { useTranslation } from 'react-i18next';
import type { XlaPolicyDto } from '@parley/contracts';
import { RowActions, type ListProps } from './admin-section';

/** The default policy first, then the teams' by name; `scope` names what a policy covers. */
export function XlaPolicyList({ policies, scope, editingId, onEdit, onDelete }: ListProps<XlaPolicyDto> & { policies: XlaPolicyDto[]; scope: (x: XlaPolicyDto) => string }) {
  const { t } = useTranslation();
  return (
    <ul className="ops-list ops-list--static ops-list--wrap">
      {policies.length === 0 && <li className="ops-list__empty muted">{t('teams.noXla')}</li>}
      {[...policies].sort((a, b) => (a.teamId ? 1 : 0) - (b.teamId ? 1 : 0) || scope(a).localeCompare(scope(b))).map((x) => (
        <li key={x.id} data-testid="xla-row" className={x.id === editingId ? 'is-editing' : ''}>
          <span className="grow">
            <strong>{scope(x)}</strong>
            <br />
            <span className="muted small">
              {[
                x.negativeReplyMinutes !== null && t('teams.xlaNegative', { minutes: x.negativeReplyMinutes }),
                x.maxTransfers !== null && t('teams.xlaTransfers', { count: x.maxTransfers }),
                x.repeatContactDays !== null && t('teams.xlaRepeat', { count: x.repeatContactDays }),
                x.csatTargetPercent !== null && t('teams.xlaCsat', { percent: x.csatTargetPercent }),
              ].filter(Boolean).join(' · ') || t('teams.xlaNothing')}
            </span>
          </span>
          <RowActions kind="xla" onEdit={() => onEdit(x.id)} onDelete={() => onDelete(x)} />
        </li>
      ))}
    </ul>
  );
}
