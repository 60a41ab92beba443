import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationHitDto, CustomerHitDto, MessageHitDto } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatListTime } from '../../i18n/format-date';
import { HighlightedSnippet } from './highlighted-snippet';

// What one search hit shows, the same in the header's dropdown and on the full search page.

/** A hit in a conversation (a message, or the conversation itself): who, where, what, when, and the snippet. */
function ThreadHit({ name, channel, at, snippet, children }: { name: string | null; channel: MessageHitDto['channel']; at: string; snippet: string; children: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <span className="search-hit__head">
        <strong>{name || t('customer.anonymous')}</strong>
        <ChannelBadge channel={channel} showLabel={false} />
        {children}
        <time className="muted small search-hit__time" dateTime={at}>
          {formatListTime(at, locale)}
        </time>
      </span>
      <HighlightedSnippet className="search-hit__snippet" snippet={snippet} />
    </>
  );
}

export function MessageHitView({ hit }: { hit: MessageHitDto }) {
  const { t } = useTranslation();
  return (
    <ThreadHit name={hit.customer.name} channel={hit.channel} at={hit.createdAt} snippet={hit.snippet}>
      <span className="muted small">{hit.direction === 'outbound' ? t('search.fromAgent') : t('search.fromCustomer')}</span>
    </ThreadHit>
  );
}

export function ConversationHitView({ hit }: { hit: ConversationHitDto }) {
  const { t } = useTranslation();
  return (
    <ThreadHit name={hit.customer.name} channel={hit.channel} at={hit.lastMessageAt} snippet={hit.snippet}>
      <span className={`status-pill status-pill--${hit.status}`}>{t(`status.${hit.status}`)}</span>
    </ThreadHit>
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
