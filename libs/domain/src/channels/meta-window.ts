import { insideWhatsAppWindow, WHATSAPP_WINDOW_MS } from './whatsapp-window';

/**
 * Meta's messaging window (Messenger and Instagram): a page may answer freely for 24 hours after the
 * person's last message, the same rule as WhatsApp's; after that only a message tag lets a message
 * through. Parley offers the one tag an agent's reply can honestly carry: `HUMAN_AGENT`, a person
 * answering within 7 days of the customer's last message.
 * https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
 */
export const META_WINDOW_MS = WHATSAPP_WINDOW_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const META_MESSAGE_TAGS = ['HUMAN_AGENT'] as const;
export type MetaMessageTag = (typeof META_MESSAGE_TAGS)[number];

/** How a reply goes out (Send API `messaging_type` and `tag`), or why it cannot. */
export type MetaSendPolicy =
  | { messagingType: 'RESPONSE'; tag: null }
  | { messagingType: 'MESSAGE_TAG'; tag: MetaMessageTag }
  | { refused: string };

export function isMetaMessageTag(value: unknown): value is MetaMessageTag {
  return typeof value === 'string' && (META_MESSAGE_TAGS as readonly string[]).includes(value);
}

/**
 * Inside 24 hours a reply is a RESPONSE (a tag asked for is not needed and not sent); outside, a
 * HUMAN_AGENT tag carries it for up to 7 days; anything else is refused before it is sent, with the
 * reason the agent sees (the API answers it in Russian too: errors `meta_window_closed`, `meta_tag_window_closed`).
 */
export function metaSendPolicy(lastInboundAt: Date | null, now: Date, tag: unknown, channelName: string): MetaSendPolicy {
  if (insideWhatsAppWindow(lastInboundAt, now)) return { messagingType: 'RESPONSE', tag: null };
  const hours = lastInboundAt ? Math.floor((now.getTime() - lastInboundAt.getTime()) / 3_600_000) : null;
  if (isMetaMessageTag(tag)) {
    if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < HUMAN_AGENT_WINDOW_MS) return { messagingType: 'MESSAGE_TAG', tag };
    return { refused: `Outside the 7-day window of the HUMAN_AGENT tag on ${channelName} (${hours === null ? 'the customer has not written yet' : `the customer last wrote ${hours} hours ago`}): the message cannot be sent.` };
  }
  const since = hours === null ? 'the customer has not written yet' : `the customer last wrote ${hours} hours ago`;
  return { refused: `Outside the 24-hour messaging window on ${channelName} (${since}): free-form replies are not allowed. Within 7 days, send it as a human agent's reply (HUMAN_AGENT tag).` };
}
