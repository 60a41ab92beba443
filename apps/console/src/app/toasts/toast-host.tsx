import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { customerLabel } from './conversation-label';
import { dismissToast, useToasts, type Toast } from './toast-store';
import './toasts.css';

/**
 * Where every console toast appears: top right under the header (full width on a phone), so none
 * ever covers the composer or its send button. Mount once, in the shell.
 */
export function ToastHost({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const toasts = useToasts();
  return (
    <section className="toasts" aria-label={t('details.toast.region')} aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => <ToastItem key={toast.key} toast={toast} onOpen={onOpen} />)}
    </section>
  );
}

function ToastItem({ toast, onOpen }: { toast: Toast; onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const conversation = useConversation(toast.conversationId);
  const [paused, setPaused] = useState(false);
  useAutoClose(toast, paused);
  const open = () => {
    onOpen(toast.conversationId);
    dismissToast(toast.key);
  };
  const about = conversation
    ? t('details.toast.about', { customer: customerLabel(conversation.customer, conversation.customerId, t), channel: t(`channel.${conversation.channel}`) })
    : '…';
  return (
    <div
      className={`toast toast--${toast.tone}`}
      role="status"
      data-testid={toast.testId ?? 'toast'}
      data-conversation-id={toast.conversationId}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setPaused(false)}
    >
      <div className="toast__text">
        <strong>{toast.title}</strong>
        <button type="button" className="toast__about" onClick={open} data-testid="toast-conversation" title={t('supervisor.openConversation')}>
          {about}
        </button>
        {toast.detail && <span className="muted small">{toast.detail}</span>}
      </div>
      <button type="button" className="button button--primary button--small" onClick={open} data-testid={toast.openTestId ?? 'toast-open'}>
        {t('details.toast.open')}
      </button>
      <button type="button" className="icon-button" onClick={() => dismissToast(toast.key)} aria-label={t('common.close')} title={t('common.close')}>
        ×
      </button>
    </div>
  );
}

/** Closes the toast after its duration; hovering or focusing it stops the clock, leaving restarts what was left. */
function useAutoClose(toast: Toast, paused: boolean): void {
  const left = useRef(toast.durationMs);
  useEffect(() => {
    left.current = toast.durationMs;
  }, [toast]);
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(toast.key), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(0, left.current - (Date.now() - started));
    };
  }, [toast, paused]);
}

/** The conversation a toast is about (its customer and channel), read once per toast. */
function useConversation(conversationId: string): ConversationDto | null {
  const [conversation, setConversation] = useState<ConversationDto | null>(null);
  useEffect(() => {
    let live = true;
    parleyApi.getConversation(conversationId).then((c) => live && setConversation(c), () => undefined);
    return () => {
      live = false;
    };
  }, [conversationId]);
  return conversation;
}
