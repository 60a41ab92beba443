import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { useLocale } from '../../app/use-locale';
import { formatDateTime } from '../../i18n/format-date';
import { renderTemplate, type MetaWindow, type SendRules, type TemplateOption } from './send-rules';
import './channel-send-rules.css';

interface ChannelSendRulesProps {
  conversation: ConversationDto;
  rules: SendRules;
  /** Messenger/Instagram past 24 hours: the agent chose to send as a human agent's reply. */
  humanAgent: boolean;
  onHumanAgentChange(on: boolean): void;
}

/**
 * Above the SMS/WhatsApp/Messenger/Instagram composer: why free text cannot go out (opted out,
 * WhatsApp's 24-hour window, Meta's 7 days), on WhatsApp the approved templates that can, and on
 * Messenger/Instagram the window and, past 24 hours, the HUMAN_AGENT choice.
 */
export function ChannelSendRules({ conversation, rules, humanAgent, onHumanAgentChange }: ChannelSendRulesProps) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const channel = t(`channel.${conversation.channel}`);
  const whatsapp = conversation.channel === 'whatsapp';

  if (rules.optedOut || rules.unreachable) {
    return (
      <p className="send-rule send-rule--blocked" role="status" data-testid="opted-out-notice">
        {t(rules.optedOut ? 'sendRules.optedOut' : 'sendRules.unreachable', { channel })}
      </p>
    );
  }
  if (rules.metaWindow) return <MetaWindowNotice channel={channel} window={rules.metaWindow} humanAgent={humanAgent} onHumanAgentChange={onHumanAgentChange} />;
  if (!whatsapp) return null;
  if (rules.windowClosed) {
    return (
      <div className="send-rule send-rule--window" role="status" data-testid="whatsapp-window-notice">
        <p>{t('sendRules.windowClosed')}</p>
        <TemplatePicker conversationId={conversation.id} templates={rules.templates} />
      </div>
    );
  }
  if (rules.templates.length === 0) return null;
  return (
    <div className="send-rule send-rule--quiet">
      <button type="button" className="button button--ghost button--small" aria-expanded={picking} onClick={() => setPicking(!picking)}>
        {t('sendRules.useTemplate')}
      </button>
      {picking && <TemplatePicker conversationId={conversation.id} templates={rules.templates} onSent={() => setPicking(false)} />}
    </div>
  );
}

interface MetaWindowNoticeProps {
  channel: string;
  window: MetaWindow;
  humanAgent: boolean;
  onHumanAgentChange(on: boolean): void;
}

/** Meta's messaging window: open (quiet), HUMAN_AGENT only (the agent opts in), or closed (nothing goes). */
function MetaWindowNotice({ channel, window, humanAgent, onHumanAgentChange }: MetaWindowNoticeProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const closes = window.until ? formatDateTime(window.until, locale) : '';
  if (window.state === 'open') {
    return (
      <p className="send-rule send-rule--quiet muted small" role="status" data-testid="meta-window-notice" data-state="open">
        {t('sendRules.metaWindowOpen', { channel, closes })}
      </p>
    );
  }
  if (window.state === 'closed') {
    return (
      <p className="send-rule send-rule--blocked" role="status" data-testid="meta-window-notice" data-state="closed">
        {t('sendRules.metaWindowClosed', { channel })}
      </p>
    );
  }
  return (
    <div className="send-rule send-rule--window" role="status" data-testid="meta-window-notice" data-state="humanAgent">
      <p>{t('sendRules.metaWindowTag', { channel, closes })}</p>
      <label className="send-rule__choice">
        <input type="checkbox" checked={humanAgent} onChange={(e) => onHumanAgentChange(e.target.checked)} data-testid="human-agent-tag" />
        <span>{t('sendRules.humanAgent')}</span>
      </label>
      <p className="muted small">{t('sendRules.humanAgentHint')}</p>
    </div>
  );
}

function TemplatePicker({ conversationId, templates, onSent }: { conversationId: string; templates: TemplateOption[]; onSent?(): void }) {
  const { t } = useTranslation();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The inbox's templates may arrive after the picker shows: default to the first one then.
  const template = templates.find((x) => x.id === templateId) ?? templates[0];

  if (!template) return <p className="muted small">{t('sendRules.noTemplates')}</p>;
  const complete = template.variables.every((key) => values[key]?.trim());
  const preview = renderTemplate(template, values);

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const variables = Object.fromEntries(template.variables.map((key) => [key, values[key].trim()]));
      await parleyApi.sendTemplate(conversationId, preview, { id: template.id, variables });
      setValues({});
      onSent?.();
    } catch (err) {
      setError((err as Error).message || t('errors.unexpected'));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="template-picker" data-testid="template-picker">
      <label className="field">
        <span className="field__label">{t('sendRules.template')}</span>
        <select className="select" value={template.id} onChange={(e) => { setTemplateId(e.target.value); setValues({}); }}>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {template.variables.map((key) => (
        <label key={key} className="field">
          <span className="field__label">{`{{${key}}}`}</span>
          <input value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} data-testid={`template-variable-${key}`} />
        </label>
      ))}
      <p className="template-picker__preview" aria-label={t('sendRules.preview')}>
        {preview}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button button--primary button--small" disabled={!complete || sending} onClick={() => void send()} data-testid="template-send">
        {t('sendRules.sendTemplate')}
      </button>
    </div>
  );
}
