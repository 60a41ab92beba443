import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { dayKey, formatDayLabel } from '../../i18n/format-date';
import { customerName } from '../customers/customer-name';
import { startsGroup } from './message-grouping';
import { MessageItem } from './message-item';
import { useMessageAnchor } from './use-message-anchor';
import type { Thread } from './use-thread';

/** How close to the top (px) the agent must scroll before older messages load. */
const LOAD_OLDER_THRESHOLD = 120;
/** Within this distance of the bottom, new messages keep the thread pinned to the bottom. */
const STICKY_BOTTOM = 80;

interface MessageThreadProps {
  conversation: ConversationDto;
  thread: Thread;
  /** Open at this message (a search hit): scrolled to and highlighted. */
  anchorMessageId?: string;
}

export function MessageThread({ conversation, thread, anchorMessageId }: MessageThreadProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const { messages } = thread;
  const firstId = messages[0]?.id;
  const last = messages[messages.length - 1];
  const previous = useRef({ conversationId: '', firstId: undefined as string | undefined, lastId: undefined as string | undefined, height: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    if (before.conversationId !== conversation.id || (!before.lastId && last)) {
      el.scrollTop = el.scrollHeight;
    } else if (firstId !== before.firstId && last?.id === before.lastId) {
      // Older page prepended: keep the message the agent was looking at in place.
      el.scrollTop += el.scrollHeight - before.height;
    } else if (last && last.id !== before.lastId && (atBottom.current || last.direction === 'outbound')) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = { conversationId: conversation.id, firstId, lastId: last?.id, height: el.scrollHeight };
    // A first page too short to scroll would never trigger loading the rest.
    if (el.scrollHeight <= el.clientHeight && thread.olderCursor && !thread.loading) thread.loadOlder();
  }, [conversation.id, messages, firstId, last, thread]);

  const anchor = useMessageAnchor(thread, conversation.id, anchorMessageId, scroller);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_BOTTOM;
    previous.current.height = el.scrollHeight;
    if (el.scrollTop < LOAD_OLDER_THRESHOLD && thread.olderCursor && !thread.loadingOlder) thread.loadOlder();
  };

  const customer = customerName(conversation.customer) ?? t('customer.anonymous');

  return (
    <div className="thread" data-testid="thread" ref={scroller} onScroll={onScroll} role="log" aria-label={t('conversation.thread')}>
      {thread.loadingOlder && <div className="thread__status">{t('conversation.loadingOlder')}</div>}
      {!thread.olderCursor && !thread.loading && messages.length > 0 && (
        <div className="thread__status">{t('conversation.beginning')}</div>
      )}
      {thread.loading && messages.length === 0 && <div className="thread__status">{t('common.loading')}</div>}
      {thread.error && <div className="thread__status form-error">{t('conversation.messagesFailed')}</div>}
      {anchor.seeking && !thread.error && (
        <div className="thread__status" role="status" data-testid="anchor-seeking">
          {t('conversation.anchorLoading')}
        </div>
      )}
      {anchor.missing && (
        <div className="thread__status" role="status" data-testid="anchor-missing">
          {t('conversation.anchorMissing')}
        </div>
      )}
      {!thread.loading && !thread.error && messages.length === 0 && (
        <div className="thread__status">{t('conversation.noMessages')}</div>
      )}
      {messages.map((message, index) => {
        const newDay = index === 0 || dayKey(messages[index - 1].createdAt) !== dayKey(message.createdAt);
        return (
          <Fragment key={message.id}>
            {newDay && (
              <div className="day-separator" role="separator">
                <span>{formatDayLabel(message.createdAt, locale)}</span>
              </div>
            )}
            <MessageItem
              message={message}
              customerName={customer}
              showMeta={newDay || startsGroup(messages[index - 1], message)}
              highlighted={anchor.highlightedId === message.id}
            />
          </Fragment>
        );
      })}
    </div>
  );
}
