import { useTranslation } from 'react-i18next';
import { DeadLettersCard } from '../dead-letters/dead-letters-card';
import { LabelsAdmin } from '../labels/labels-admin';
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
        <LabelsAdmin />
        <DeadLettersCard />
      </div>
    </main>
  );
}
