import { advancesDelivery, type MessageDto } from '@parley/contracts';
import { flattenPages, oldestFirst, upsertInPages, type Pages } from '../../api/page-merge';

export const compareMessages = oldestFirst<MessageDto>(
  (m) => m.createdAt,
  (m) => m.id,
);

/**
 * Copies of one message arrive out of order (the reply's HTTP answer after the socket's delivery
 * updates, a page read before a status callback): the newer copy wins, but never moves the
 * delivery status back.
 */
export function preferDeliveryProgress(current: MessageDto, incoming: MessageDto): MessageDto {
  if (current.deliveryStatus === incoming.deliveryStatus || advancesDelivery(current.deliveryStatus, incoming.deliveryStatus)) return incoming;
  return { ...incoming, deliveryStatus: current.deliveryStatus, deliveryError: current.deliveryError };
}

const byId = (m: MessageDto) => m.id;

/** Oldest first, as displayed; pages come newest first. */
export const threadMessages = (data: Pages<MessageDto> | undefined): MessageDto[] =>
  flattenPages(data, { id: byId, compare: compareMessages, prefer: preferDeliveryProgress });

/** message.updated carries the full message (delivery status), so an upsert covers both events. */
export const messageReceived = (data: Pages<MessageDto>, message: MessageDto): Pages<MessageDto> =>
  upsertInPages(data, message, { id: byId, prefer: preferDeliveryProgress });
