import { useTranslation } from 'react-i18next';
import { DeadLettersCard } from '../dead-letters/dead-letters-card';
import { InboxAdmin } from './inbox-admin';
import { UserAdmin } from './user-admin';

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <main className="admin" data-testid="admin-page">
      <h1 className="admin__title">{t('admin.title')}</h1>
      <div className="admin__grid">
        <InboxAdmin />
        <UserAdmin />
        <DeadLettersCard />
      </div>
    </main>
  );
}
