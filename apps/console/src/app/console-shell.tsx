import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentSocket } from '../api/agent-socket';
import { useAuth, useCurrentUser } from '../features/auth/auth-context';
import { InboxPage } from '../features/conversations/inbox-page';
import { isEditableTarget, mapShortcut } from './keyboard-shortcuts';
import { LanguageSelect } from './language-select';
import { ShortcutsHelp } from './shortcuts-help';
import { useConsoleRoute } from './use-console-route';
import { Avatar } from './avatar';
import { PresenceSwitcher } from '../features/presence/presence-switcher';
import { EscalationNotice } from '../features/supervisor/escalation-notice';
import { DetractorNotice } from '../features/surveys/detractor-notice';
import { NotificationBell } from '../features/notifications/notification-bell';
import { ToastHost } from './toasts/toast-host';
import { GlobalSearch } from '../features/search/global-search';
import type { SearchTarget } from '../features/search/result-navigation';

// Only admins ever open it, so agents do not download it.
const AdminPage = lazy(() => import('../features/admin/admin-page').then((m) => ({ default: m.AdminPage })));
const SlaRiskPage = lazy(() => import('../features/sla/sla-risk-page').then((m) => ({ default: m.SlaRiskPage })));
const SupervisorPage = lazy(() => import('../features/supervisor/supervisor-page').then((m) => ({ default: m.SupervisorPage })));
const TeamsAdminPage = lazy(() => import('../features/teams/teams-admin-page').then((m) => ({ default: m.TeamsAdminPage })));
const SurveyReportPage = lazy(() => import('../features/surveys/survey-report-page').then((m) => ({ default: m.SurveyReportPage })));
const DuplicatesPage = lazy(() => import('../features/merge/duplicates-page').then((m) => ({ default: m.DuplicatesPage })));
const CannedResponsesPage = lazy(() => import('../features/canned-responses/canned-responses-page').then((m) => ({ default: m.CannedResponsesPage })));
const MacrosPage = lazy(() => import('../features/macros/macros-page').then((m) => ({ default: m.MacrosPage })));
const SearchPage = lazy(() => import('../features/search/search-page').then((m) => ({ default: m.SearchPage })));
const CustomerDirectoryPage = lazy(() => import('../features/customers/directory/customer-directory-page').then((m) => ({ default: m.CustomerDirectoryPage })));
const SurveySettingsPage = lazy(() => import('../features/surveys/survey-settings-page').then((m) => ({ default: m.SurveySettingsPage })));

export function ConsoleShell() {
  const { t } = useTranslation();
  const { logout, logoutEverywhere } = useAuth();
  const user = useCurrentUser();
  const { connected, socket } = useAgentSocket();
  const [route, navigate] = useConsoleRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const isAdmin = user.role === 'admin';
  const canSupervise = user.role === 'admin' || user.role === 'supervisor';
  const view =
    route.view === 'admin' && isAdmin ? 'admin'
    : route.view === 'survey-settings' && isAdmin ? 'survey-settings'
    : route.view === 'search' || route.view === 'customers' ? route.view
    : route.view === 'sla' || route.view === 'duplicates' || route.view === 'canned' || route.view === 'macros' || ((route.view === 'supervisor' || route.view === 'teams' || route.view === 'surveys') && canSupervise) ? route.view
    : 'inbox';
  const openConversation = (conversationId: string) => navigate({ view: 'inbox', conversationId });
  const openSearchTarget = (target: SearchTarget) =>
    target.kind === 'customer'
      ? navigate({ view: 'customers', customerId: target.customerId })
      : navigate({ view: 'inbox', conversationId: target.conversationId, ...(target.messageId ? { messageId: target.messageId } : {}) });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = mapShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inEditable: isEditableTarget(event.target as HTMLElement | null),
      });
      if (action === 'toggleHelp') {
        event.preventDefault();
        setHelpOpen((open) => !open);
      } else if (action === 'escape') {
        setHelpOpen(false);
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="console">
      <header className="topbar">
        <a
          className="topbar__brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: 'inbox', conversationId: null });
          }}
        >
          <span className="brand-mark" aria-hidden="true" />
          Parley
        </a>
        <nav className="topbar__nav" aria-label={t('shell.navigation')}>
          <button
            className={`topbar__link ${view === 'inbox' ? 'is-active' : ''}`}
            data-testid="nav-inbox"
            onClick={() => navigate({ view: 'inbox', conversationId: route.view === 'inbox' ? route.conversationId : null })}
          >
            {t('shell.inbox')}
          </button>
          {isAdmin && (
            <button
              className={`topbar__link ${view === 'admin' ? 'is-active' : ''}`}
              data-testid="nav-admin"
              onClick={() => navigate({ view: 'admin' })}
            >
              {t('shell.admin')}
            </button>
          )}
          <button
            className={`topbar__link ${view === 'customers' ? 'is-active' : ''}`}
            data-testid="nav-customers"
            onClick={() => navigate({ view: 'customers', customerId: null })}
          >
            {t('directory.nav')}
          </button>
          <button className={`topbar__link ${view === 'sla' ? 'is-active' : ''}`} data-testid="nav-sla" onClick={() => navigate({ view: 'sla' })}>
            {t('sla.nav')}
          </button>
          <button className={`topbar__link ${view === 'duplicates' ? 'is-active' : ''}`} data-testid="nav-duplicates" onClick={() => navigate({ view: 'duplicates' })}>
            {t('merge.nav')}
          </button>
          <button className={`topbar__link ${view === 'canned' ? 'is-active' : ''}`} data-testid="nav-canned" onClick={() => navigate({ view: 'canned' })}>
            {t('canned.nav')}
          </button>
          <button className={`topbar__link ${view === 'macros' ? 'is-active' : ''}`} data-testid="nav-macros" onClick={() => navigate({ view: 'macros' })}>
            {t('macros.nav')}
          </button>
          {canSupervise && (
            <button className={`topbar__link ${view === 'supervisor' ? 'is-active' : ''}`} data-testid="nav-supervisor" onClick={() => navigate({ view: 'supervisor' })}>
              {t('supervisor.nav')}
            </button>
          )}
          {canSupervise && (
            <button className={`topbar__link ${view === 'teams' ? 'is-active' : ''}`} data-testid="nav-teams" onClick={() => navigate({ view: 'teams' })}>
              {t('teams.nav')}
            </button>
          )}
          {canSupervise && (
            <button className={`topbar__link ${view === 'surveys' || view === 'survey-settings' ? 'is-active' : ''}`} data-testid="nav-surveys" onClick={() => navigate({ view: 'surveys' })}>
              {t('surveys.nav')}
            </button>
          )}
        </nav>
        <div className="topbar__spacer" />
        <GlobalSearch onOpen={openSearchTarget} onSeeAll={(query) => navigate({ view: 'search', query })} />
        <span
          className={`connection ${connected ? 'connection--live' : 'connection--down'}`}
          data-testid="connection-status"
          title={connected ? t('shell.liveHint') : t('shell.reconnectingHint')}
        >
          <span className="connection__dot" aria-hidden="true" />
          {connected ? t('shell.live') : socket ? t('shell.reconnecting') : t('shell.offline')}
        </span>
        <button
          className="icon-button icon-button--outlined"
          onClick={() => setHelpOpen(true)}
          title={t('shortcuts.title')}
          aria-label={t('shortcuts.title')}
          data-testid="shortcuts-button"
        >
          ?
        </button>
        <NotificationBell onOpen={openConversation} />
        <PresenceSwitcher userId={user.id} />
        <LanguageSelect />
        <span className="topbar__user" title={user.email}>
          <Avatar name={user.name} seed={user.id} size="sm" />
          <span className="topbar__user-name">{user.name}</span>
          <span className="role-pill">{t(`role.${user.role}`)}</span>
        </span>
        <button className="button button--ghost" onClick={() => void logout()} data-testid="logout">
          {t('shell.signOut')}
        </button>
        <button
          className="button button--ghost"
          onClick={() => {
            if (window.confirm(t('shell.signOutEverywhereConfirm'))) void logoutEverywhere().catch(() => undefined);
          }}
          data-testid="logout-everywhere"
        >
          {t('shell.signOutEverywhere')}
        </button>
      </header>
      {canSupervise && <EscalationNotice />}
      {canSupervise && <DetractorNotice />}
      <ToastHost onOpen={openConversation} />
      {view === 'admin' ? (
        <Suspense fallback={<div className="splash">{t('common.loading')}</div>}>
          <AdminPage />
        </Suspense>
      ) : route.view === 'search' || route.view === 'customers' ? (
        <Suspense fallback={<div className="splash">{t('common.loading')}</div>}>
          {route.view === 'search' && (
            <SearchPage query={route.query} onQueryChange={(query) => navigate({ view: 'search', query }, { replace: true })} onOpen={openSearchTarget} />
          )}
          {route.view === 'customers' && (
            <CustomerDirectoryPage
              customerId={route.customerId}
              onOpenCustomer={(customerId) => navigate({ view: 'customers', customerId })}
              onOpenConversation={openConversation}
              onOpenDuplicates={() => navigate({ view: 'duplicates' })}
            />
          )}
        </Suspense>
      ) : view === 'sla' || view === 'duplicates' || view === 'canned' || view === 'macros' || view === 'supervisor' || view === 'teams' || view === 'surveys' || view === 'survey-settings' ? (
        <Suspense fallback={<div className="splash">{t('common.loading')}</div>}>
          {view === 'sla' && <SlaRiskPage onOpen={openConversation} />}
          {view === 'supervisor' && <SupervisorPage onOpen={openConversation} />}
          {view === 'teams' && <TeamsAdminPage />}
          {view === 'duplicates' && <DuplicatesPage />}
          {view === 'canned' && <CannedResponsesPage />}
          {view === 'macros' && <MacrosPage />}
          {view === 'surveys' && <SurveyReportPage onOpen={openConversation} onSettings={isAdmin ? () => navigate({ view: 'survey-settings' }) : undefined} />}
          {view === 'survey-settings' && <SurveySettingsPage onReport={() => navigate({ view: 'surveys' })} />}
        </Suspense>
      ) : (
        <InboxPage
          conversationId={route.view === 'inbox' ? route.conversationId : null}
          anchorMessageId={route.view === 'inbox' ? route.messageId : undefined}
          onOpenConversation={(conversationId, replace) => navigate({ view: 'inbox', conversationId }, { replace })}
        />
      )}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
