import { useTranslation } from 'react-i18next';
import type { ConversationHitDto, CustomerHitDto, MessageHitDto } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatListTime } from '../../i18n/format-date';
import { HighlightedSnippet } from './highlighted-snippet';

// What one search hit shows, the same in the header's dropdown and on the full search page.

export function MessageHitView({ hit }: { hit: MessageHitDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <span className="search-hit__head">
        <strong>{hit.customer.name || t('customer.anonymous')}</strong>
        <ChannelBadge channel={hit.channel} showLabel={false} />
        <span className="muted small">{hit.direction === 'outbound' ? t('search.fromAgent') : t('search.fromCustomer')}</span>
        <time className="muted small search-hit__time" dateTime={hit.createdAt}>
          {formatListTime(hit.createdAt, locale)}
        </time>
      </span>
      <HighlightedSnippet className="search-hit__snippet" snippet={hit.snippet} />
    </>
  );
}

export function ConversationHitView({ hit }: { hit: ConversationHitDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <span className="search-hit__head">
        <strong>{hit.customer.name || t('customer.anonymous')}</strong>
        <ChannelBadge channel={hit.channel} showLabel={false} />
        <span className={`status-pill status-pill--${hit.status}`}>{t(`status.${hit.status}`)}</span>
        <time className="muted small search-hit__time" dateTime={hit.lastMessageAt}>
          {formatListTime(hit.lastMessageAt, locale)}
        </time>
      </span>
      <HighlightedSnippet className="search-hit__snippet" snippet={hit.snippet} />
    </>
  );
}

export function CustomerHitView({ hit }: { hit: CustomerHitDto }) {
  const { t } = useTranslation();
  const contact = [hit.email, hit.phone].filter(Boolean).join(' · ');
  return (
    <>
      <span className="search-hit__head">
        <strong>{hit.name || contact || t('customer.anonymous')}</strong>
        {hit.name && contact && <span className="muted small">{contact}</span>}
        <span className="muted small search-hit__time">{t(`search.matched.${hit.matchedField}`)}</span>
      </span>
      <HighlightedSnippet className="search-hit__snippet" snippet={hit.snippet} />
    </>
  );
}
