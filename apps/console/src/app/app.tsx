import { useTranslation } from 'react-i18next';
import { AgentSocketProvider } from '../api/agent-socket';
import { AuthProvider, useAuth } from '../features/auth/auth-context';
import { LoginPage } from '../features/auth/login-page';
import { ConsoleShell } from './console-shell';

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
  return (
    <AgentSocketProvider userId={user.id}>
      <ConsoleShell />
    </AgentSocketProvider>
  );
}
