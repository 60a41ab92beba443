import type { Channel } from '@parley/contracts';
import { useTranslation } from 'react-i18next';

const ICON_PATHS: Record<Channel, string> = {
  webchat: 'M3 4h14v9H8l-4 3v-3H3z',
  email: 'M2.5 5h15v10h-15zM2.5 5l7.5 6 7.5-6',
  sms: 'M6 2.5h8v15H6zM9 15h2',
  whatsapp: 'M10 2.5a7.5 7.5 0 0 0-6.4 11.4L2.5 17.5l3.7-1A7.5 7.5 0 1 0 10 2.5zM7.5 7c0 3 2.5 5.5 5.5 5.5',
  telegram: 'M2.5 9.5l15-6-2.5 13-5-4-2.5 3v-4.5l7-6.5',
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
