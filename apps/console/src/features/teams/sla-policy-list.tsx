import { useTranslation } from 'react-i18next';
import type { BusinessCalendarDto, EscalationAction, SlaPolicyDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { RowActions, type ListProps } from './admin-section';
import { formatTarget } from './teams-form-rules';
import { useTargetUnits } from './use-target-units';

export function SlaPolicyList({ policies, calendars, editingId, onEdit, onDelete }: ListProps<SlaPolicyDto> & { policies: SlaPolicyDto[]; calendars: BusinessCalendarDto[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useTargetUnits();
  /** Action names inside a sentence: "notify supervisors, raise priority". */
  const actions = (list: EscalationAction[]) =>
    list.length ? list.map((a) => t(`teams.escalationAction.${a}`)).map((name) => name.charAt(0).toLocaleLowerCase(locale) + name.slice(1)).join(', ') : t('teams.escalationNone');
  return (
    <ul className="ops-list ops-list--static ops-list--wrap">
      {policies.length === 0 && <li className="ops-list__empty muted">{t('teams.noPolicies')}</li>}
      {policies.map((p) => (
        <li key={p.id} data-testid="policy-row" className={p.id === editingId ? 'is-editing' : ''}>
          <span className="grow">
            <strong>{p.name}</strong>
            {p.isDefault ? ` (${t('teams.default')})` : ''} · {calendars.find((c) => c.id === p.calendarId)?.name ?? t('teams.allDay')} · {t('teams.warnAt', { percent: p.warnAtPercent })}
            <br />
            <span className="muted small">
              {t('teams.targetsSummary', {
                first: formatTarget(p.targets.normal?.firstResponseSeconds ?? null, units),
                next: formatTarget(p.targets.normal?.nextResponseSeconds ?? null, units),
                resolution: formatTarget(p.targets.normal?.resolutionSeconds ?? null, units),
              })}
            </span>
            <br />
            <span className="muted small" data-testid="policy-row-escalation">
              {t('teams.escalationSummary', { warning: actions(p.escalation.warning), breach: actions(p.escalation.breach) })}
            </span>
          </span>
          <RowActions kind="policy" onEdit={() => onEdit(p.id)} onDelete={() => onDelete(p)} />
        </li>
      ))}
    </ul>
  );
}
