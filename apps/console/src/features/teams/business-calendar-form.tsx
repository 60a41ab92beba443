import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessCalendarDto, WeeklyInterval } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { EditingBanner, FormFooter, type FormProps } from './editor-form';
import { isTimeZone, parseHolidays, spansOverlap, weekdayNames, weekFromHours, WEEK_ORDER, type Span } from './teams-form-rules';
import { useFormStatus } from './use-form-status';
import { useTimeZones } from './use-time-zones';

interface DayRow {
  open: boolean;
  spans: Span[];
}

const NEW_WEEK = (): DayRow[] => Array.from({ length: 7 }, (_, day) => ({ open: day >= 1 && day <= 5, spans: [{ start: '09:00', end: '18:00' }] }));

export function BusinessCalendarForm({ initial, onSubmit, onDone }: FormProps<BusinessCalendarDto, Omit<BusinessCalendarDto, 'id'>>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useFormStatus();
  const [name, setName] = useState(initial?.name ?? '');
  const [timeZone, setTimeZone] = useState(() => initial?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<DayRow[]>(() =>
    initial ? weekFromHours(initial.hours).map((spans) => ({ open: spans.length > 0, spans: spans.length ? spans : [{ start: '09:00', end: '18:00' }] })) : NEW_WEEK(),
  );
  const [holidays, setHolidays] = useState(initial?.holidays.join(', ') ?? '');
  const zones = useTimeZones();
  const days = weekdayNames(locale, 'short');
  const setDay = (day: number, change: (row: DayRow) => DayRow) => setWeek((w) => w.map((row, i) => (i === day ? change(row) : row)));
  const setSpan = (day: number, index: number, change: Partial<Span>) =>
    setDay(day, (row) => ({ ...row, spans: row.spans.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return form.fail(t('teams.errors.nameRequired'));
    if (!isTimeZone(timeZone.trim())) return form.fail(t('teams.errors.timeZone', { zone: timeZone }));
    const hours: WeeklyInterval[] = [];
    for (const day of WEEK_ORDER) {
      const row = week[day];
      if (!row.open) continue;
      for (const span of row.spans) {
        if (!/^\d{2}:\d{2}$/.test(span.start) || !/^\d{2}:\d{2}$/.test(span.end) || span.start === span.end) return form.fail(t('teams.errors.dayHours', { day: days[day] }));
        hours.push({ day, start: span.start, end: span.end });
      }
      if (spansOverlap(row.spans)) return form.fail(t('teams.errors.overlap', { day: days[day] }));
    }
    if (!hours.length) return form.fail(t('teams.errors.noOpenDays'));
    const dates = parseHolidays(holidays);
    if (!dates) return form.fail(t('teams.errors.holidays'));
    void form.submit(onSubmit({ name: name.trim(), timeZone: timeZone.trim(), hours, holidays: dates })).then((ok) => ok && (initial ? onDone() : setName('')));
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate data-testid="calendar-form">
      {initial && <EditingBanner text={t('teams.editingCalendar', { name: initial.name })} />}
      <label className="field"><span className="field__label">{t('teams.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('teams.calendarPlaceholder')} data-testid="calendar-name" /></label>
      <label className="field">
        <span className="field__label">{t('teams.timeZone')}</span>
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} list="parley-time-zones" data-testid="calendar-zone" />
        <datalist id="parley-time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
      </label>
      <fieldset className="field admin-form__wide week">
        <legend className="field__label">{t('teams.hours')}</legend>
        {WEEK_ORDER.map((day) => (
          <div key={day} className={`week__day ${week[day].open ? '' : 'is-closed'}`} data-testid="calendar-day">
            <label className="checklist__item">
              <input type="checkbox" checked={week[day].open} onChange={(e) => setDay(day, (row) => ({ ...row, open: e.target.checked }))} />
              {days[day]}
            </label>
            {week[day].open ? (
              <span className="week__spans">
                {week[day].spans.map((span, i) => (
                  <span key={i} className="week__hours">
                    <input type="time" value={span.start} onChange={(e) => setSpan(day, i, { start: e.target.value })} aria-label={`${days[day]}: ${t('teams.opens')}`} />
                    –
                    <input type="time" value={span.end} onChange={(e) => setSpan(day, i, { end: e.target.value })} aria-label={`${days[day]}: ${t('teams.closes')}`} />
                    {week[day].spans.length > 1 && (
                      <button type="button" className="button button--ghost button--small week__remove" onClick={() => setDay(day, (row) => ({ ...row, spans: row.spans.filter((_, j) => j !== i) }))} aria-label={t('teams.removeSpan')} title={t('teams.removeSpan')}>
                        ×
                      </button>
                    )}
                    {i === week[day].spans.length - 1 && week[day].spans.length < 4 && (
                      <button type="button" className="button button--ghost button--small week__add" onClick={() => setDay(day, (row) => ({ ...row, spans: [...row.spans, { start: '13:00', end: '14:00' }] }))} aria-label={t('teams.addSpan')} title={t('teams.addSpan')}>
                        +
                      </button>
                    )}
                  </span>
                ))}
              </span>
            ) : (
              <span className="muted small">{t('teams.closed')}</span>
            )}
          </div>
        ))}
        <p className="muted small">{t('teams.hoursHint')}</p>
      </fieldset>
      <label className="field admin-form__wide">
        <span className="field__label">{t('teams.holidays')}</span>
        <input value={holidays} onChange={(e) => setHolidays(e.target.value)} placeholder="2026-12-31, 2027-01-01" data-testid="calendar-holidays" />
      </label>
      <FormFooter editing={!!initial} createLabel={t('teams.createCalendar')} testId="calendar" onCancel={onDone} status={form.status} />
    </form>
  );
}
