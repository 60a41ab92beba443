import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@parley/contracts';
import { inboxSaved } from '../../app/live-cache';
import { ChannelBadge } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatDate } from '../../i18n/format-date';
import { embedSnippet } from './inbox-config';
import { InboxForm } from './inbox-form';
import { inboxesQuery } from '../conversations/use-directory';
import { templateRowsOf } from './whatsapp-templates';

export function InboxAdmin() {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const query = useQuery(inboxesQuery);
  const inboxes = query.data ?? null;
  const error = query.error?.message ?? null;
  const [creating, setCreating] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const created = (inbox: InboxDto) => {
    inboxSaved(queryClient, inbox);
    setHighlight(inbox.id);
    setCreating(false);
  };

  const saved = (inbox: InboxDto) => {
    inboxSaved(queryClient, inbox);
    setHighlight(inbox.id);
    setEditing(null);
  };

  return (
    <section className="card" data-testid="admin-inboxes">
      <div className="card__header">
        <h2>{t('admin.inboxes')}</h2>
        <button className="button button--primary button--small" onClick={() => setCreating((c) => !c)} data-testid="inbox-create-open">
          {creating ? t('common.cancel') : t('admin.newInbox')}
        </button>
      </div>
      {creating && <InboxForm onSaved={created} />}
      {error && <p className="form-error">{error}</p>}
      {!inboxes && !error && <p className="muted">{t('common.loading')}</p>}
      {inboxes && inboxes.length === 0 && <p className="muted">{t('admin.noInboxes')}</p>}
      <ul className="admin-list">
        {inboxes?.map((inbox) => (
          <li key={inbox.id} className={`admin-list__item ${highlight === inbox.id ? 'is-new' : ''}`} data-testid="inbox-row" data-inbox-id={inbox.id}>
            <div className="admin-list__row">
              <strong>{inbox.name}</strong>
              <ChannelBadge channel={inbox.channel} />
              <span className="muted small admin-list__date">{formatDate(inbox.createdAt, locale)}</span>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-expanded={editing === inbox.id}
                onClick={() => setEditing((current) => (current === inbox.id ? null : inbox.id))}
                data-testid="inbox-edit-open"
              >
                {editing === inbox.id ? t('common.cancel') : t('admin.editInbox')}
              </button>
            </div>
            {editing === inbox.id ? (
              <InboxForm inbox={inbox} onSaved={saved} onCancel={() => setEditing(null)} />
            ) : (
              <InboxDetails inbox={inbox} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function InboxDetails({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  if (inbox.channel === 'webchat' && inbox.websiteToken) {
    const snippet = embedSnippet(window.location.origin, inbox.websiteToken);
    return (
      <div className="embed">
        <div className="small">
          {t('admin.websiteToken')}: <code data-testid="website-token">{inbox.websiteToken}</code>
        </div>
        <div className="small muted">{t('admin.embedHint')}</div>
        <div className="embed__code">
          <code data-testid="embed-snippet">{snippet}</code>
          <CopyButton text={snippet} />
        </div>
      </div>
    );
  }
  const address = ['address', 'from'].map((k) => inbox.config[k]).find((v) => typeof v === 'string');
  const mode = inbox.config.mode;
  const templates = inbox.channel === 'whatsapp' ? templateRowsOf(inbox.config).length : 0;
  return (
    <div className="small muted">
      {typeof address === 'string' && <span>{address}</span>}
      {typeof mode === 'string' && <span> · {t(`admin.mode.${mode}`, { defaultValue: mode })}</span>}
      {inbox.channel === 'whatsapp' && <span data-testid="inbox-template-count"> · {t('admin.templates.count', { count: templates })}</span>}
      {(inbox.channel === 'sms' || inbox.channel === 'whatsapp' || inbox.channel === 'telegram' || inbox.channel === 'viber' || (inbox.channel === 'vk' && mode !== 'longpoll')) && (
        <div>
          {t('admin.webhookUrl')}: <code>{webhookPath(inbox)}</code>
        </div>
      )}
      {inbox.channel === 'vk' && <div data-testid="inbox-vk-hint">{t(mode === 'longpoll' ? 'admin.vkLongPollHint' : 'admin.vkCallbackHint')}</div>}
      {(inbox.channel === 'messenger' || inbox.channel === 'instagram') && (
        <div data-testid="inbox-meta-hint">
          {t('admin.metaHint')} <code>{webhookPath(inbox)}</code>
        </div>
      )}
    </div>
  );
}

function webhookPath(inbox: InboxDto): string {
  const provider = inbox.channel === 'telegram' || inbox.channel === 'viber' || inbox.channel === 'vk' ? inbox.channel : inbox.channel === 'messenger' || inbox.channel === 'instagram' ? 'meta' : 'twilio';
  return `${window.location.origin}/webhooks/${provider}/${inbox.id}`;
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <button
      className="button button--small"
      onClick={() => {
        navigator.clipboard
          ?.writeText(text)
          .then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
          .catch(() => undefined);
      }}
    >
      {copied ? t('admin.copied') : t('admin.copy')}
    </button>
  );
}
