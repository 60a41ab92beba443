import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSentinel } from '../../../app/use-sentinel';
import { CustomerPanel } from '../customer-panel';
import { DEFAULT_LISTING, type DirectoryListing } from './directory-listing';
import { DirectoryDuplicates } from './directory-duplicates';
import { DirectoryRow } from './directory-row';
import { DirectoryToolbar } from './directory-toolbar';
import { useCustomerDirectory } from './use-customer-directory';
import './directory.css';

interface CustomerDirectoryPageProps {
  customerId: string | null;
  onOpenCustomer(customerId: string | null): void;
  onOpenConversation(conversationId: string): void;
  onOpenDuplicates(): void;
}

/** Every customer: search, sort and filter, open one in the customer panel; possible duplicates on top. */
export function CustomerDirectoryPage({ customerId, onOpenCustomer, onOpenConversation, onOpenDuplicates }: CustomerDirectoryPageProps) {
  const { t } = useTranslation();
  const [listing, setListing] = useState<DirectoryListing>(DEFAULT_LISTING);
  const directory = useCustomerDirectory(listing);
  const sentinel = useSentinel(directory.loadMore, directory.hasMore && !directory.loadingMore);

  return (
    <div className={`directory ${customerId ? 'directory--open' : ''}`} data-testid="customer-directory">
      <main className="directory__list">
        <h1>{t('directory.title')}</h1>
        <DirectoryToolbar listing={listing} onChange={setListing} />
        <DirectoryDuplicates onSeeAll={onOpenDuplicates} />
        {directory.error && <p className="form-error">{t('directory.loadFailed')}</p>}
        {directory.loading && <p className="muted">{t('common.loading')}</p>}
        {!directory.loading && !directory.error && directory.customers.length === 0 && (
          <p className="muted" data-testid="directory-empty">
            {listing.query.trim() ? t('directory.noMatches') : t('directory.empty')}
          </p>
        )}
        <ul className="directory__rows" aria-busy={directory.fetching}>
          {directory.customers.map((customer) => (
            <DirectoryRow key={customer.id} customer={customer} active={customer.id === customerId} onOpen={() => onOpenCustomer(customer.id)} />
          ))}
        </ul>
        {directory.hasMore && (
          <button ref={sentinel} className="button button--small directory__more" disabled={directory.loadingMore} data-testid="directory-more" onClick={directory.loadMore}>
            {directory.loadingMore ? t('common.loading') : t('directory.loadMore')}
          </button>
        )}
      </main>
      {customerId && (
        <div className="directory__panel">
          <div className="inbox__panel-bar">
            <button className="button button--ghost" data-testid="directory-close-customer" onClick={() => onOpenCustomer(null)}>
              {t('layout.closePanel')}
            </button>
          </div>
          <CustomerPanel customerId={customerId} activeConversationId={null} onOpenConversation={onOpenConversation} />
        </div>
      )}
    </div>
  );
}
