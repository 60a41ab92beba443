import { useTranslation } from 'react-i18next';
import { useBusyAction } from '../../app/use-busy-action';
import type { ConversationDto, ConversationStatus } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatDateTime } from '../../i18n/format-date';
import { useCurrentUser } from '../auth/auth-context';
import { customerName } from '../customers/customer-name';
import { LabelPicker } from '../labels/label-picker';
import { RunMacro } from '../macros/run-macro';
import { SlaCountdown } from '../sla/sla-countdown';
import { SNOOZE_PRESETS, snoozeUntil, type SnoozePreset } from './snooze-presets';
import type { Directory } from './use-directory';

interface ConversationHeaderProps {
  conversation: ConversationDto;
  directory: Directory;
  onSetStatus(status: ConversationStatus, snoozeUntil?: Date): Promise<void>;
  onAssign(agentId: string | null): Promise<void>;
}

export function ConversationHeader({ conversation, directory, onSetStatus, onAssign }: ConversationHeaderProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useCurrentUser();
  const { busy, error, run } = useBusyAction();
  const inbox = directory.inboxById.get(conversation.inboxId);
  const assigneeKnown = !conversation.assigneeId || directory.userById.has(conversation.assigneeId);

  return (
    <header className="conversation-header">
      <div className="conversation-header__title">
        <h2 data-testid="conversation-customer-name">{customerName(conversation.customer) ?? t('customer.anonymous')}</h2>
        <div className="conversation-header__meta">
          <ChannelBadge channel={conversation.channel} />
          {inbox && <span className="muted">{inbox.name}</span>}
          <span className={`status-pill status-pill--${conversation.status}`} data-testid="conversation-status">
            {t(`status.${conversation.status}`)}
          </span>
          <SlaCountdown conversationId={conversation.id} />
          {conversation.status === 'snoozed' && conversation.snoozedUntil && (
            <span className="muted small">{t('conversation.snoozedUntil', { date: formatDateTime(conversation.snoozedUntil, locale) })}</span>
          )}
        </div>
        <LabelPicker conversation={conversation} />
      </div>

      <div className="conversation-header__actions">
        <RunMacro target={{ conversationId: conversation.id }} />
        <label className="assignee-picker">
          <span className="visually-hidden">{t('conversation.assignee')}</span>
          <select
            className="select select--compact"
            data-testid="assign-select"
            disabled={busy}
            value={conversation.assigneeId ?? ''}
            onChange={(e) => run(() => onAssign(e.target.value || null))}
          >
            <option value="">{t('conversation.unassigned')}</option>
            {!assigneeKnown && <option value={conversation.assigneeId!}>{t('conversation.unknownAgent')}</option>}
            {directory.users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        {conversation.assigneeId !== me.id && (
          <button className="button" data-testid="assign-me" disabled={busy} onClick={() => run(() => onAssign(me.id))}>
            {t('conversation.assignToMe')}
          </button>
        )}

        {conversation.status !== 'resolved' && conversation.status !== 'snoozed' && (
          <select
            className="select select--compact"
            data-testid="snooze-select"
            aria-label={t('conversation.snooze')}
            disabled={busy}
            value=""
            onChange={(e) => {
              const preset = e.target.value as SnoozePreset;
              if (preset) void run(() => onSetStatus('snoozed', snoozeUntil(preset)));
            }}
          >
            <option value="">{t('conversation.snooze')}</option>
            {SNOOZE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(`snooze.${preset}`)}
              </option>
            ))}
          </select>
        )}
        {conversation.status !== 'open' && (
          <button className="button" data-testid="reopen-button" disabled={busy} onClick={() => run(() => onSetStatus('open'))}>
            {t('conversation.reopen')}
          </button>
        )}
        {conversation.status !== 'resolved' && (
          <button
            className="button button--success"
            data-testid="resolve-button"
            disabled={busy}
            title={t('conversation.resolveHint')}
            onClick={() => run(() => onSetStatus('resolved'))}
          >
            {t('conversation.resolve')}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error conversation-header__error" role="alert">
          {error}
        </p>
      )}
    </header>
  );
}
