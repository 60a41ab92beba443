import { useTranslation } from 'react-i18next';
import type { Channel, CustomerDto } from '@parley/contracts';
import { Avatar } from '../../../app/avatar';
import { ChannelBadge } from '../../../app/channel-badge';
import { useLocale } from '../../../app/use-locale';
import { formatListTime } from '../../../i18n/format-date';
import { customerName } from '../customer-name';

interface DirectoryRowProps {
  customer: CustomerDto;
  active: boolean;
  onOpen(): void;
}

export function DirectoryRow({ customer, active, onOpen }: DirectoryRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = customerName(customer) ?? t('customer.anonymous');
  const channels = [...new Set(customer.identities.map((i) => i.channel))] as Channel[];
  const contact = [customer.email, customer.phone].filter(Boolean).join(' · ');
  return (
    <li>
      <button
        className={`directory-row ${active ? 'is-active' : ''}`}
        aria-current={active ? 'true' : undefined}
        data-testid="directory-row"
        data-customer-id={customer.id}
        onClick={onOpen}
      >
        <Avatar name={name} seed={customer.id} size="sm" />
        <span className="directory-row__main">
          <strong className="directory-row__name">{name}</strong>
          {contact && contact !== name && <span className="muted small">{contact}</span>}
          {customer.tags.length > 0 && (
            <span className="directory-row__tags">
              {customer.tags.map((tag) => (
                <span className="tag-chip" key={tag}>
                  {tag}
                </span>
              ))}
            </span>
          )}
        </span>
        <span className="directory-row__side">
          <span className="directory-row__channels">
            {channels.map((channel) => (
              <ChannelBadge key={channel} channel={channel} showLabel={false} />
            ))}
          </span>
          <span className="muted small" title={t('directory.lastContact')}>
            {customer.lastContactAt ? formatListTime(customer.lastContactAt, locale) : t('directory.neverContacted')}
          </span>
        </span>
      </button>
    </li>
  );
}
