import { useTranslation } from 'react-i18next';
import type { CustomerDto, CustomerFootprint, IdentityDto } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { customerName } from '../customers/customer-name';

interface MergeRecordProps {
  heading: string;
  record: Pick<CustomerDto, 'name' | 'email' | 'phone' | 'tags' | 'attributes'>;
  identities: IdentityDto[];
  footprint: CustomerFootprint;
  testId: string;
  highlight?: boolean;
}

/** One column of the side-by-side preview. Customer text is rendered as React text, never as HTML. */
export function MergeRecord({ heading, record, identities, footprint, testId, highlight }: MergeRecordProps) {
  const { t } = useTranslation();
  const none = t('merge.noValue');
  return (
    <section className={`merge-record ${highlight ? 'merge-record--result' : ''}`} data-testid={testId} aria-label={heading}>
      <h3 className="merge-record__heading">{heading}</h3>
      <p className="merge-record__name" data-testid="merge-record-name">
        {customerName(record) ?? t('customer.anonymous')}
      </p>
      <dl className="merge-record__fields">
        <dt>{t('customer.name')}</dt>
        <dd>{record.name || none}</dd>
        <dt>{t('customer.email')}</dt>
        <dd data-testid="merge-record-email">{record.email || none}</dd>
        <dt>{t('customer.phone')}</dt>
        <dd data-testid="merge-record-phone">{record.phone || none}</dd>
        <dt>{t('customer.identities')}</dt>
        <dd>
          {identities.length ? (
            <ul className="merge-record__identities">
              {identities.map((identity) => (
                <li key={identity.id} data-testid="merge-record-identity" data-channel={identity.channel}>
                  <ChannelBadge channel={identity.channel} />
                  <span className="merge-record__external" title={identity.externalId}>
                    {identity.externalId}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            t('merge.noChannels')
          )}
        </dd>
        <dt>{t('customer.tags')}</dt>
        <dd>
          {record.tags.length
            ? record.tags.map((tag) => (
                <span className="tag-chip" key={tag}>
                  {tag}
                </span>
              ))
            : t('merge.noTags')}
        </dd>
      </dl>
      <ul className="merge-record__counts">
        <li>{t('merge.attributes', { count: Object.keys(record.attributes ?? {}).length })}</li>
        <li data-testid="merge-record-conversations">{t('merge.conversations', { count: footprint.conversations })}</li>
        <li data-testid="merge-record-events">{t('merge.timelineEvents', { count: footprint.timelineEvents })}</li>
      </ul>
    </section>
  );
}
