import { useTranslation } from 'react-i18next';
import type { BusinessCalendarDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { RowActions, type ListProps } from './admin-section';
import { formatHours, weekdayNames } from './teams-form-rules';

export function BusinessCalendarList({ calendars, editingId, onEdit, onDelete }: ListProps<BusinessCalendarDto> & { calendars: BusinessCalendarDto[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const days = weekdayNames(locale, 'short');
  return (
    <ul className="ops-list ops-list--static ops-list--wrap">
      {calendars.length === 0 && <li className="ops-list__empty muted">{t('teams.noCalendars')}</li>}
      {calendars.map((c) => (
        <li key={c.id} data-testid="calendar-row" className={c.id === editingId ? 'is-editing' : ''}>
          <span className="grow">
            <strong>{c.name}</strong> · {c.timeZone} · {t('teams.holidayCount', { count: c.holidays.length })}
            <br />
            <span className="muted small">{formatHours(c.hours, days)}</span>
          </span>
          <RowActions kind="calendar" onEdit={() => onEdit(c.id)} onDelete={() => onDelete(c)} />
        </li>
      ))}
    </ul>
  );
}
