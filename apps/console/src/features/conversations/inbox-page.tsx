import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_EVENTS, type ConversationStatus, type MessageDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { isEditableTarget, mapShortcut, neighbourId } from '../../app/keyboard-shortcuts';
import { useCurrentUser } from '../auth/auth-context';
import { CustomerPanel } from '../customers/customer-panel';
import { parseFilter, type ConversationFilter } from './conversation-filter';
import { ConversationListPane } from './conversation-list-pane';
import { ConversationView } from './conversation-view';
import { useActiveConversation } from './use-active-conversation';
import { useConversationActions } from './use-conversation-actions';
import { useConversationList } from './use-conversation-list';
import { useDirectory } from './use-directory';
import { InboxBulkArea, InboxViewsHeader } from '../views/inbox-views';
import { useInboxViews } from '../views/use-inbox-views';
import { useViewConversations } from '../views/use-view-conversations';
import './inbox-layout.css';

const FILTER_KEY = 'parley.conversationFilter';

interface InboxPageProps {
  conversationId: string | null;
  /** Open the conversation at this message (a search hit). */
  anchorMessageId?: string;
  onOpenConversation(conversationId: string | null, replace?: boolean): void;
}

export function InboxPage({ conversationId, anchorMessageId, onOpenConversation }: InboxPageProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // Below tablet width the customer panel is a drawer over the thread, opened on demand.
  const [panelOpen, setPanelOpen] = useState(false);
  useEffect(() => setPanelOpen(false), [conversationId]);
  const closePanelRef = useRef<HTMLButtonElement>(null);
  // Keyboard and screen-reader users land in the drawer they opened.
  useEffect(() => {
    if (panelOpen) closePanelRef.current?.focus();
  }, [panelOpen]);
  const directory = useDirectory();
  const [filter, setFilter] = useState<ConversationFilter>(() => parseFilter(localStorage.getItem(FILTER_KEY)));
  const views = useInboxViews(me.id);
  const filterList = useConversationList(filter, me.id, views.activeViewId === null);
  const viewList = useViewConversations(views.activeViewId);
  const list = views.activeViewId ? viewList : filterList;
  const active = useActiveConversation(conversationId);
  const [noteMode, setNoteMode] = useState(false);
  const replyRef = useRef<HTMLTextAreaElement>(null);

  const changeFilter = (next: ConversationFilter) => {
    views.select(null);
    setFilter(next);
    localStorage.setItem(FILTER_KEY, JSON.stringify(next));
  };

  const listItem = list.items.find((c) => c.id === conversationId) ?? null;
  const conversation = active.conversation ?? listItem;

  const actions = useConversationActions();
  const markRead = actions.markRead;

  useEffect(() => {
    if (conversationId) markRead(conversationId);
    setNoteMode(false);
    // Only on opening: later messages are read as they arrive, below.
  }, [conversationId]);

  // New customer messages in the open conversation are read as they arrive, while the tab is visible.
  const readTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useAgentEvent<MessageDto>(AGENT_EVENTS.messageCreated, (message) => {
    if (message.conversationId !== conversationId || message.direction !== 'inbound') return;
    if (document.visibilityState !== 'visible') return;
    clearTimeout(readTimer.current);
    readTimer.current = setTimeout(() => markRead(message.conversationId), 400);
  });
  useEffect(() => () => clearTimeout(readTimer.current), []);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && conversationId && (listItem?.unreadCount ?? 0) > 0) markRead(conversationId);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [conversationId, listItem?.unreadCount, markRead]);

  const setStatus = useCallback(
    async (status: ConversationStatus, snoozeUntil?: Date) => {
      if (!conversation) return;
      await actions.setStatus({ conversationId: conversation.id, status, snoozeUntil: snoozeUntil?.toISOString() });
    },
    [conversation, actions],
  );

  const assign = useCallback(
    async (agentId: string | null) => {
      if (!conversation) return;
      await actions.assign({ conversationId: conversation.id, agentId });
    },
    [conversation, actions],
  );

  const ids = useMemo(() => list.items.map((c) => c.id), [list.items]);
  const shortcutState = useRef({ ids, conversationId, conversation, setStatus, assign, me });
  shortcutState.current = { ids, conversationId, conversation, setStatus, assign, me };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = mapShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inEditable: isEditableTarget(event.target as HTMLElement | null),
      });
      const s = shortcutState.current;
      switch (action) {
        case 'nextConversation':
        case 'previousConversation': {
          event.preventDefault();
          const next = neighbourId(s.ids, s.conversationId, action === 'nextConversation' ? 1 : -1);
          // Replace, so that walking the list with j/k does not fill the browser history.
          if (next && next !== s.conversationId) onOpenConversation(next, true);
          break;
        }
        case 'focusReply':
          if (!s.conversation) break;
          event.preventDefault();
          replyRef.current?.focus();
          break;
        case 'toggleNote':
          if (!s.conversation) break;
          event.preventDefault();
          setNoteMode((on) => !on);
          replyRef.current?.focus();
          break;
        case 'resolve':
          if (!s.conversation || s.conversation.status === 'resolved') break;
          event.preventDefault();
          s.setStatus('resolved').catch(() => undefined);
          break;
        case 'escape':
          setPanelOpen(false);
          break;
        case 'runMacro': {
          // The open conversation's "Run macro" menu (its first macro takes the focus).
          const trigger = document.querySelector<HTMLButtonElement>('[data-testid="conversation-view"] [data-macro-trigger]');
          if (!trigger) break;
          event.preventDefault();
          trigger.click();
          break;
        }
        case 'assignToMe':
          if (!s.conversation || s.conversation.assigneeId === s.me.id) break;
          event.preventDefault();
          s.assign(s.me.id).catch(() => undefined);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpenConversation]);

  const layout = ['inbox', conversationId ? 'inbox--open' : '', panelOpen ? 'inbox--panel-open' : ''].filter(Boolean).join(' ');
  return (
    <div className={layout} data-testid="inbox">
      <ConversationListPane
        filter={filter}
        onFilterChange={changeFilter}
        list={list}
        directory={directory}
        activeId={conversationId}
        onOpen={(id) => onOpenConversation(id)}
        header={<InboxViewsHeader views={views} filter={filter} />}
        banner={<InboxBulkArea views={views} users={directory.users} />}
        selection={{ isSelected: (id) => views.selection.allInView || views.selection.ids.has(id), toggle: views.toggle }}
        viewOpen={views.activeViewId !== null}
      />
      <div className="inbox__thread">
        {conversationId && (
          <div className="inbox__bar">
            <button className="button button--ghost inbox__back" data-testid="inbox-back" title={t('layout.backHint')} onClick={() => onOpenConversation(null)}>
              <span aria-hidden="true">← </span>
              {t('layout.back')}
            </button>
            <button
              className="button button--ghost inbox__show-customer"
              data-testid="inbox-show-customer"
              title={t('layout.customerHint')}
              aria-expanded={panelOpen}
              onClick={() => setPanelOpen(true)}
            >
              {t('layout.customer')}
            </button>
          </div>
        )}
        <ConversationView
          conversationId={conversationId}
          anchorMessageId={anchorMessageId}
          conversation={conversation}
          loadError={active.error}
          directory={directory}
          noteMode={noteMode}
          onNoteModeChange={setNoteMode}
          replyRef={replyRef}
          onSetStatus={setStatus}
          onAssign={assign}
        />
      </div>
      {panelOpen && <div className="inbox__scrim" onClick={() => setPanelOpen(false)} />}
      <div className="inbox__panel">
        <div className="inbox__panel-bar">
          <button ref={closePanelRef} className="button button--ghost" data-testid="inbox-close-customer" onClick={() => setPanelOpen(false)}>
            {t('layout.closePanel')}
          </button>
        </div>
        <CustomerPanel
          customerId={conversation?.customerId ?? null}
          activeConversationId={conversationId}
          onOpenConversation={(id) => onOpenConversation(id)}
        />
      </div>
    </div>
  );
}
