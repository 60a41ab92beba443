import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, InboxDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { buildInboxConfig, CHANNEL_CONFIG_FIELDS, CHANNELS, defaultConfigValues, missingConfigFields } from './inbox-config';

export function InboxForm({ onCreated }: { onCreated(inbox: InboxDto): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<Channel>('webchat');
  const [values, setValues] = useState<Record<string, string>>(() => defaultConfigValues('webchat'));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = missingConfigFields(channel, values);

  const changeChannel = (next: Channel) => {
    setChannel(next);
    setValues(defaultConfigValues(next));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || missing.length) return;
    setSaving(true);
    setError(null);
    try {
      onCreated(await parleyApi.createInbox({ name: name.trim(), channel, config: buildInboxConfig(channel, values) }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={submit} data-testid="inbox-form">
      <label className="field">
        <span className="field__label">{t('admin.inboxName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="inbox-name" autoFocus />
      </label>
      <label className="field">
        <span className="field__label">{t('admin.channel')}</span>
        <select className="select" value={channel} onChange={(e) => changeChannel(e.target.value as Channel)} data-testid="inbox-channel">
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {CHANNEL_CONFIG_FIELDS[channel].map((field) => {
        const label = t(`admin.config.${field.path}`);
        const value = values[field.path] ?? '';
        const set = (v: string) => setValues((current) => ({ ...current, [field.path]: v }));
        return (
          <label className={`field ${field.kind === 'boolean' ? 'field--inline' : ''}`} key={field.path}>
            <span className="field__label">
              {label}
              {field.required && <span className="required" aria-hidden="true"> *</span>}
            </span>
            {field.kind === 'boolean' ? (
              <input type="checkbox" checked={value === 'true'} onChange={(e) => set(String(e.target.checked))} />
            ) : field.kind === 'select' ? (
              <select className="select" value={value} onChange={(e) => set(e.target.value)}>
                {field.options?.map((option) => (
                  <option key={option} value={option}>
                    {t(`admin.mode.${option}`, { defaultValue: option })}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : 'text'}
                autoComplete="off"
                value={value}
                placeholder={field.placeholder}
                onChange={(e) => set(e.target.value)}
                data-testid={`inbox-config-${field.path}`}
              />
            )}
          </label>
        );
      })}
      {channel === 'webchat' && <p className="muted small">{t('admin.webchatHint')}</p>}
      {error && <p className="form-error">{error}</p>}
      <button className="button button--primary" type="submit" disabled={saving || !name.trim() || missing.length > 0} data-testid="inbox-submit">
        {t('admin.createInbox')}
      </button>
    </form>
  );
}
