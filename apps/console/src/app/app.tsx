import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { AgentSocketProvider } from '../api/agent-socket';
import { AuthProvider, useAuth } from '../features/auth/auth-context';
import { LoginPage } from '../features/auth/login-page';
import { onLocalMerge } from '../features/merge/merge-activity';
import { customerRecordsChanged } from './live-cache';
import { ConsoleShell } from './console-shell';
import { createConsoleQueryClient } from './query-client';

export function App() {
  return (
    <AuthProvider>
      <SignInGate />
    </AuthProvider>
  );
}

function SignInGate() {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  if (status === 'checking') return <div className="splash">{t('common.loading')}</div>;
  if (status === 'signedOut' || !user) return <LoginPage />;
  // Keyed by the agent: another sign-in starts from an empty cache.
  return <SignedIn key={user.id} userId={user.id} />;
}

function SignedIn({ userId }: { userId: string }) {
  const [queryClient] = useState(createConsoleQueryClient);
  useEffect(() => onLocalMerge(() => customerRecordsChanged(queryClient)), [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <AgentSocketProvider userId={userId}>
        <ConsoleShell />
      </AgentSocketProvider>
    </QueryClientProvider>
  );
}
