import { useTranslation } from 'react-i18next';
import { Avatar } from '../../app/avatar';
import { useLocale } from '../../app/use-locale';
import { formatDate } from '../../i18n/format-date';
import { CustomerDuplicates } from '../merge/customer-duplicates';
import { MergeHistory } from '../merge/merge-history';
import { MergeUndoBanner } from '../merge/merge-undo-banner';
import { AttributeEditor } from './attribute-editor';
import { contactPatch } from './customer-edits';
import { customerName } from './customer-name';
import { CustomerTimeline } from './customer-timeline';
import { IdentityList } from './identity-list';
import { InlineField } from './inline-field';
import { TagEditor } from './tag-editor';
import { useCustomer } from './use-customer';

interface CustomerPanelProps {
  customerId: string | null;
  activeConversationId: string | null;
  onOpenConversation(conversationId: string): void;
}

export function CustomerPanel({ customerId, activeConversationId, onOpenConversation }: CustomerPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { customer, error, update } = useCustomer(customerId);

  if (!customerId) {
    return <aside className="pane pane--customer pane--empty" data-testid="customer-panel" aria-label={t('customer.title')} />;
  }
  if (!customer) {
    return (
      <aside className="pane pane--customer pane--empty" data-testid="customer-panel" aria-label={t('customer.title')}>
        <p className="muted">{error ? t('customer.loadFailed') : t('common.loading')}</p>
      </aside>
    );
  }

  const name = customerName(customer) ?? t('customer.anonymous');
  const saveContact = (field: 'name' | 'email' | 'phone') => async (value: string) => {
    const patch = contactPatch(customer, { name: customer.name ?? '', email: customer.email ?? '', phone: customer.phone ?? '', [field]: value });
    if (Object.keys(patch).length) await update(patch);
  };

  return (
    <aside className="pane pane--customer" data-testid="customer-panel" data-customer-id={customer.id} aria-label={t('customer.title')}>
      <MergeUndoBanner customerId={customer.id} />
      <section className="customer-card">
        <div className="customer-card__head">
          <Avatar name={name} seed={customer.id} size="lg" />
          <div className="customer-card__name">
            <InlineField
              value={customer.name ?? ''}
              placeholder={t('customer.namePlaceholder')}
              label={t('customer.name')}
              testId="customer-name"
              onCommit={saveContact('name')}
            />
            <span className="muted small">{t('customer.since', { date: formatDate(customer.createdAt, locale) })}</span>
          </div>
        </div>
        <dl className="contact-fields">
          <div>
            <dt>{t('customer.email')}</dt>
            <dd>
              <InlineField
                type="email"
                value={customer.email ?? ''}
                placeholder={t('customer.addEmail')}
                label={t('customer.email')}
                testId="customer-email"
                onCommit={saveContact('email')}
              />
            </dd>
          </div>
          <div>
            <dt>{t('customer.phone')}</dt>
            <dd>
              <InlineField
                type="tel"
                value={customer.phone ?? ''}
                placeholder={t('customer.addPhone')}
                label={t('customer.phone')}
                testId="customer-phone"
                onCommit={saveContact('phone')}
              />
            </dd>
          </div>
        </dl>
      </section>

      <section className="panel-section">
        <h3 className="panel-section__title">{t('customer.identities')}</h3>
        <IdentityList identities={customer.identities} />
      </section>

      <CustomerDuplicates customer={customer} />

      <section className="panel-section">
        <h3 className="panel-section__title">{t('customer.tags')}</h3>
        <TagEditor tags={customer.tags} onChange={(tags) => update({ tags })} />
      </section>

      <section className="panel-section">
        <h3 className="panel-section__title">{t('customer.attributes')}</h3>
        <AttributeEditor attributes={customer.attributes} onChange={(attributes) => update({ attributes })} />
      </section>

      <MergeHistory customerId={customer.id} />

      <CustomerTimeline customerId={customer.id} activeConversationId={activeConversationId} onOpenConversation={onOpenConversation} />
    </aside>
  );
}
