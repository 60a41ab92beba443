import { useTranslation } from 'react-i18next';
import type { IdentityDto } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';

export function IdentityList({ identities }: { identities: IdentityDto[] }) {
  const { t } = useTranslation();
  if (identities.length === 0) return <p className="muted small">{t('customer.noIdentities')}</p>;
  return (
    <ul className="identity-list" data-testid="identity-list">
      {identities.map((identity) => (
        <li key={identity.id} className="identity" data-channel={identity.channel}>
          <ChannelBadge channel={identity.channel} />
          <span className="identity__id" title={identity.externalId}>
            {identity.externalId}
          </span>
          {identity.displayName && <span className="muted small">{identity.displayName}</span>}
          {cameFrom(identity) && (
            <span className="muted small identity__source" data-testid="identity-came-from">
              {t('customer.cameFrom', { source: cameFrom(identity) })}
            </span>
          )}
          {identity.optedOut && <span className="opted-out">{t('customer.optedOut')}</span>}
          {identity.unreachable && (
            <span className="opted-out" data-testid="identity-unreachable" title={t('customer.unreachableHint')}>
              {t('customer.unreachable')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Where the customer came from on this channel: a Viber deep link's context, a Telegram /start payload, a VK allow widget's key. */
function cameFrom(identity: IdentityDto): string | null {
  const source = identity.metadata?.context ?? identity.metadata?.startPayload ?? identity.metadata?.allowKey;
  return typeof source === 'string' && source.trim() ? source.trim() : null;
}
