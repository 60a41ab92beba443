import type { DeadLetterDto } from '@parley/contracts';

/** One line about what the job was carrying, so an admin recognizes it without opening the payload. */
export function deadLetterSummary(d: Pick<DeadLetterDto, 'data'>): string {
  const data = d.data ?? {};
  const sender = (data.sender as { externalId?: unknown } | undefined)?.externalId;
  const parts = [
    typeof sender === 'string' ? sender : null,
    typeof data.content === 'string' && data.content ? `«${clip(data.content, 60)}»` : null,
    typeof data.messageId === 'string' ? data.messageId : null,
    typeof data.conversationId === 'string' && typeof data.messageId !== 'string' ? data.conversationId : null,
    typeof (data.update as { providerMessageId?: unknown } | undefined)?.providerMessageId === 'string'
      ? `${(data.update as { providerMessageId: string; status?: string }).providerMessageId} → ${(data.update as { status?: string }).status ?? '?'}`
      : null,
  ].filter((p): p is string => !!p);
  return parts.join(' · ');
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
