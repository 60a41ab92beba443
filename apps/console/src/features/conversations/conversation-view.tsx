import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGENT_EVENTS,
  type ConversationDto,
  type ConversationStatus,
  type CustomerTypingEvent,
  type MessageDto,
} from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { ChannelSendRules } from './channel-send-rules';
import { ConversationHeader } from './conversation-header';
import { MessageThread } from './message-thread';
import { ReplyBox } from './reply-box';
import type { Directory } from './use-directory';
import { useSendRules } from './use-send-rules';
import { useThread } from './use-thread';

/** Some channels never send "stopped typing"; the indicator expires on its own. */
const TYPING_EXPIRY_MS = 6000;

interface ConversationViewProps {
  conversationId: string | null;
  /** Open at this message (a search hit). */
  anchorMessageId?: string;
  conversation: ConversationDto | null;
  loadError: string | null;
  directory: Directory;
  noteMode: boolean;
  onNoteModeChange(on: boolean): void;
  replyRef: RefObject<HTMLTextAreaElement | null>;
  onSetStatus(status: ConversationStatus, snoozeUntil?: Date): Promise<void>;
  onAssign(agentId: string | null): Promise<void>;
}

export function ConversationView(props: ConversationViewProps) {
  const { t } = useTranslation();
  const { conversationId, conversation } = props;
  const thread = useThread(conversationId);
  const customerTyping = useCustomerTyping(conversationId);
  const sendRules = useSendRules(conversation);

  if (!conversationId) {
    return (
      <section className="pane pane--conversation pane--empty">
        <div className="empty-hero">
          <p className="empty-hero__title">{t('conversation.noneSelected')}</p>
          <p className="muted">{t('conversation.noneSelectedHint')}</p>
        </div>
      </section>
    );
  }

  if (!conversation) {
    return (
      <section className="pane pane--conversation pane--empty">
        <p className="muted">{props.loadError ? t('conversation.loadFailed') : t('common.loading')}</p>
      </section>
    );
  }

  return (
    <section className="pane pane--conversation" aria-label={t('conversation.title')} data-testid="conversation-view">
      <ConversationHeader
        conversation={conversation}
        directory={props.directory}
        onSetStatus={props.onSetStatus}
        onAssign={props.onAssign}
      />
      <MessageThread conversation={conversation} thread={thread} anchorMessageId={props.anchorMessageId} />
      <div className="typing-slot" aria-live="polite">
        {customerTyping && (
          <span className="typing-indicator" data-testid="customer-typing">
            <span className="typing-indicator__dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('conversation.customerTyping')}
          </span>
        )}
      </div>
      {sendRules && <ChannelSendRules conversation={conversation} rules={sendRules} />}
      <ReplyBox
        key={conversation.id}
        conversationId={conversation.id}
        channel={conversation.channel}
        noteMode={props.noteMode}
        onNoteModeChange={props.onNoteModeChange}
        inputRef={props.replyRef}
        onSend={thread.send}
        replyBlocked={!!sendRules && (sendRules.optedOut || sendRules.unreachable || sendRules.windowClosed)}
        emailSubject={typeof conversation.metadata?.subject === 'string' ? conversation.metadata.subject : null}
      />
    </section>
  );
}

function useCustomerTyping(conversationId: string | null): boolean {
  const [typing, setTyping] = useState(false);
  const expiry = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    setTyping(false);
    return () => clearTimeout(expiry.current);
  }, [conversationId]);

  useAgentEvent<CustomerTypingEvent>(AGENT_EVENTS.typing, (event) => {
    if (event.conversationId !== conversationId) return;
    clearTimeout(expiry.current);
    setTyping(event.isTyping);
    if (event.isTyping) expiry.current = setTimeout(() => setTyping(false), TYPING_EXPIRY_MS);
  });

  // The message itself ends the typing.
  useAgentEvent<MessageDto>(AGENT_EVENTS.messageCreated, (message) => {
    if (message.conversationId === conversationId && message.direction === 'inbound') {
      clearTimeout(expiry.current);
      setTyping(false);
    }
  });

  return typing;
}
