import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewTimelineEventDto } from '@parley/contracts';

const SUGGESTED_TYPES = ['order', 'payment', 'visit', 'signup', 'call', 'meeting'] as const;

export function CrmEventForm({ onSubmit, onDone }: { onSubmit(event: NewTimelineEventDto): Promise<void>; onDone(): void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<string>('order');
  const [title, setTitle] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!type.trim() || !title.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await onSubmit({ type: type.trim(), title: title.trim(), occurredAt: new Date().toISOString() });
      setTitle('');
      onDone();
    } catch (err) {
      setError((err as Error).message || t('errors.unexpected'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="crm-form" onSubmit={submit} data-testid="crm-event-form">
      <input
        list="crm-event-types"
        value={type}
        aria-label={t('timeline.eventType')}
        placeholder={t('timeline.eventType')}
        onChange={(e) => setType(e.target.value)}
        data-testid="crm-event-type"
      />
      <datalist id="crm-event-types">
        {SUGGESTED_TYPES.map((suggestion) => (
          <option key={suggestion} value={suggestion}>
            {t(`timeline.types.${suggestion}`)}
          </option>
        ))}
      </datalist>
      <input
        value={title}
        aria-label={t('timeline.eventTitle')}
        placeholder={t('timeline.eventTitlePlaceholder')}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="crm-event-title"
        autoFocus
      />
      <button className="button button--primary button--small" type="submit" disabled={saving || !title.trim() || !type.trim()} data-testid="crm-event-submit">
        {t('common.add')}
      </button>
      {error && <span className="form-error small">{error}</span>}
    </form>
  );
}
