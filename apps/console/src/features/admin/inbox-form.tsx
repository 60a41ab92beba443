import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, InboxDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { inboxAdminApi } from './inbox-admin-api';
import {
  buildInboxConfig,
  buildInboxConfigPatch,
  CHANNEL_CONFIG_FIELDS,
  CHANNELS,
  configValuesOf,
  defaultConfigValues,
  missingConfigFields,
  storedSecrets,
} from './inbox-config';
import { WhatsAppTemplateEditor } from './whatsapp-template-editor';
import { buildTemplatesConfig, templateProblems, templateRowsOf, type TemplateRow } from './whatsapp-templates';
import './inbox-admin.css';

/** Creates an inbox, or (given `inbox`) edits its name and settings; the channel is fixed once made. */
export function InboxForm({ inbox, onSaved, onCancel }: { inbox?: InboxDto; onSaved(inbox: InboxDto): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const editing = Boolean(inbox);
  const [name, setName] = useState(inbox?.name ?? '');
  const [channel, setChannel] = useState<Channel>(inbox?.channel ?? 'webchat');
  const [values, setValues] = useState<Record<string, string>>(() => (inbox ? configValuesOf(inbox.channel, inbox.config) : defaultConfigValues('webchat')));
  const [templates, setTemplates] = useState<TemplateRow[]>(() => templateRowsOf(inbox?.config));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keptSecrets = inbox ? storedSecrets(inbox.channel, inbox.config) : [];
  const missing = missingConfigFields(channel, values, keptSecrets);
  const whatsapp = channel === 'whatsapp';
  const problems = whatsapp ? templateProblems(templates) : {};
  const prefix = editing ? `inbox-edit` : 'inbox';

  const changeChannel = (next: Channel) => {
    setChannel(next);
    setValues(defaultConfigValues(next));
  };

  const config = (): Record<string, unknown> => {
    const base = editing ? buildInboxConfigPatch(channel, values) : buildInboxConfig(channel, values);
    // Editing always sends the list, so removing the last template removes it on the server too.
    if (whatsapp && (editing || templates.length > 0)) base.templates = buildTemplatesConfig(templates);
    return base;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!name.trim() || missing.length || Object.keys(problems).length) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(
        inbox
          ? await inboxAdminApi.updateInbox(inbox.id, { name: name.trim(), config: config() })
          : await parleyApi.createInbox({ name: name.trim(), channel, config: config() }),
      );
    } catch (err) {
      setError((err as Error).message || t('errors.unexpected'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={submit} data-testid={editing ? 'inbox-edit-form' : 'inbox-form'}>
      <label className="field">
        <span className="field__label">{t('admin.inboxName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid={`${prefix}-name`} autoFocus />
      </label>
      <label className="field">
        <span className="field__label">{t('admin.channel')}</span>
        <select
          className="select"
          value={channel}
          disabled={editing}
          title={editing ? t('admin.channelFixed') : undefined}
          onChange={(e) => changeChannel(e.target.value as Channel)}
          data-testid={`${prefix}-channel`}
        >
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
        const kept = field.kind === 'secret' && keptSecrets.includes(field.path);
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
                autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
                value={value}
                placeholder={kept ? t('admin.secretKept') : field.placeholder}
                onChange={(e) => set(e.target.value)}
                data-testid={`${prefix}-config-${field.path}`}
              />
            )}
          </label>
        );
      })}
      {whatsapp && <WhatsAppTemplateEditor rows={templates} problems={problems} showBlank={tried} onChange={setTemplates} />}
      {channel === 'webchat' && !editing && <p className="muted small">{t('admin.webchatHint')}</p>}
      {channel === 'viber' && <p className="muted small" data-testid="viber-hint">{t('admin.viberHint')}</p>}
      {(channel === 'messenger' || channel === 'instagram') && <p className="muted small">{t('admin.metaFormHint')}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid={`${prefix}-error`}>
          {error}
        </p>
      )}
      <div className="inbox-form__actions">
        <button className="button button--primary" type="submit" disabled={saving || !name.trim() || missing.length > 0} data-testid={`${prefix}-submit`}>
          {editing ? t('admin.saveInbox') : t('admin.createInbox')}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel} data-testid={`${prefix}-cancel`}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
