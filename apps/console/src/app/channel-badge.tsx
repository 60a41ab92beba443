import type { Channel } from '@parley/contracts';
import { useTranslation } from 'react-i18next';

const ICON_PATHS: Record<Channel, string> = {
  webchat: 'M3 4h14v9H8l-4 3v-3H3z',
  email: 'M2.5 5h15v10h-15zM2.5 5l7.5 6 7.5-6',
  sms: 'M6 2.5h8v15H6zM9 15h2',
  whatsapp: 'M10 2.5a7.5 7.5 0 0 0-6.4 11.4L2.5 17.5l3.7-1A7.5 7.5 0 1 0 10 2.5zM7.5 7c0 3 2.5 5.5 5.5 5.5',
  telegram: 'M2.5 9.5l15-6-2.5 13-5-4-2.5 3v-4.5l7-6.5',
  viber: 'M10 2.5c4.5 0 7.5 2 7.5 6.5s-3 6.5-7.5 6.5l-3 2.5v-3C4 14 2.5 12 2.5 9 2.5 4.5 5.5 2.5 10 2.5zM8 6.5c0 2.5 2 4.5 4.5 4.5',
  vk: 'M2.5 6c.5 5 3.5 8 8 8V11c1.5 0 3 1.5 3.5 3h3c-.5-2-2-3.5-3-4 1-.5 2.5-2 3-4h-3c-.5 1.5-2 3-3.5 3.5V6h-3v6c-2-.5-3.5-3-3.5-6z',
  messenger: 'M10 2.5c-4.2 0-7.5 3-7.5 7 0 2.2 1 4.2 2.8 5.5v2.5l2.5-1.4c.7.2 1.4.3 2.2.3 4.2 0 7.5-3 7.5-7s-3.3-6.9-7.5-6.9zM5.5 11.5l3-3 2 2 3-3',
  instagram: 'M3 3h14v14H3zM10 6.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM14 5.5h.01',
};

export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg className="channel-icon" viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
      <path d={ICON_PATHS[channel] ?? ICON_PATHS.webchat} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

export function ChannelBadge({ channel, showLabel = true }: { channel: Channel; showLabel?: boolean }) {
  const { t } = useTranslation();
  const label = t(`channel.${channel}`);
  return (
    <span className={`channel channel--${channel}`} title={label}>
      <ChannelIcon channel={channel} />
      {showLabel && <span>{label}</span>}
    </span>
  );
}
