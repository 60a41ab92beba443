import type { CustomerDto, IdentityDto, TimelineEventDto } from '@parley/contracts';
import { signAttachmentLinksIn, type ChannelIdentityEntity, type CustomerEntity, type TimelineEventEntity } from '@parley/persistence';

export function toIdentityDto(i: ChannelIdentityEntity): IdentityDto {
  return {
    id: i.id,
    channel: i.channel,
    externalId: i.externalId,
    displayName: i.displayName,
    optedOut: !!i.optedOut,
    unreachable: !!i.unreachable,
    metadata: i.metadata ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

export function toCustomerDto(c: CustomerEntity, identities: ChannelIdentityEntity[]): CustomerDto {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    attributes: c.attributes ?? {},
    tags: c.tags ?? [],
    identities: identities.map(toIdentityDto),
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toTimelineDto(e: TimelineEventEntity): TimelineEventDto {
  return {
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    customerId: e.customerId,
    channel: e.channel,
    conversationId: e.conversationId,
    messageId: e.messageId,
    direction: e.direction,
    content: e.content,
    title: e.title,
    authorName: e.authorName,
    // A message event's attachments: links to our files are signed as they are read.
    data: signAttachmentLinksIn(e.data),
  };
}
