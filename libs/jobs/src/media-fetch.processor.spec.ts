import { AGENT_EVENTS, type AttachmentDto, type MessageDto } from '@parley/contracts';
import type { ChannelAdapter, FetchedMedia, MediaReference, RealtimePublisher } from '@parley/channels-core';
import type { ChannelRegistry } from '@parley/conversations';
import type { InboxEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';
import { PermanentJobError, type JobQueue } from '@parley/queue';
import { MediaFetchProcessor } from './media-fetch.processor';
import { InMemoryMediaRepository } from './testing/in-memory-media.repository';

const INBOX = '7d3c2b1a-0000-4000-8000-000000000001';
const SID = 'MM0a1b2c3d4e5f';
const PHOTO: MediaReference = { url: `https://api.twilio.com/Media/${SID}/0`, contentType: 'image/jpeg' };
const VOICE: MediaReference = { url: `https://api.twilio.com/Media/${SID}/1`, contentType: 'audio/ogg' };
const T0 = new Date('2026-12-01T10:00:00Z');

function setUp(fetched: (media: MediaReference[]) => FetchedMedia) {
  const repo = new InMemoryMediaRepository();
  repo.inboxes.set(INBOX, { id: INBOX, channel: 'whatsapp', config: {} } as unknown as InboxEntity);
  repo.messages.push({
    id: 'msg-1', conversationId: 'conv-1', customerId: 'cust-1', inboxId: INBOX, channel: 'whatsapp', direction: 'inbound',
    authorType: 'customer', authorId: null, authorName: 'Ольга', content: 'Вот фото чека', private: false, attachments: [],
    deliveryStatus: null, deliveryError: null, clientMessageId: null, providerMessageId: SID, metadata: { mediaPending: 2 },
    createdAt: T0, updatedAt: T0,
  } as unknown as MessageEntity);
  repo.timeline.push({ id: 'ev-1', messageId: 'msg-1', data: { direction: 'inbound' } } as unknown as TimelineEventEntity);
  const published: [string, MessageDto][] = [];
  const realtime = { toAgents: (event: string, payload: MessageDto) => published.push([event, payload]) } as unknown as RealtimePublisher;
  const adapter = { fetchMedia: async (_inbox: unknown, _id: string, media: MediaReference[]) => fetched(media) } as unknown as ChannelAdapter;
  const channels = { find: (channel: string) => (channel === 'whatsapp' ? adapter : undefined) } as unknown as ChannelRegistry;
  const processor = new MediaFetchProcessor({} as JobQueue, repo, channels, realtime);
  return { repo, processor, published };
}

const kept = (ref: MediaReference, n: number): AttachmentDto => ({ id: `${SID}-${n}`, url: `https://files.example/${SID}-${n}`, contentType: ref.contentType! });

describe('fetching the media of a stored message', () => {
  it('attaches the fetched files to the message and its timeline event and tells the console', async () => {
    const { repo, processor, published } = setUp((media) => ({ attachments: media.map(kept), skipped: [] }));

    await processor.fetch({ inboxId: INBOX, providerMessageId: SID, media: [PHOTO, VOICE] }, 1);

    expect(repo.messages[0].attachments?.map((a) => a.contentType)).toEqual(['image/jpeg', 'audio/ogg']);
    expect(repo.messages[0].metadata).toBeNull();
    expect(repo.messages[0].content).toBe('Вот фото чека');
    expect((repo.timeline[0].data as { attachments: AttachmentDto[] }).attachments).toHaveLength(2);
    expect(published).toHaveLength(1);
    expect(published[0][0]).toBe(AGENT_EVENTS.messageUpdated);
    expect(published[0][1].attachments.map((a) => a.id)).toEqual([`${SID}-0`, `${SID}-1`]);
  });

  it('stores each file once when the job runs again', async () => {
    const { repo, processor } = setUp((media) => ({ attachments: media.map(kept), skipped: [] }));

    await processor.fetch({ inboxId: INBOX, providerMessageId: SID, media: [PHOTO, VOICE] }, 1);
    await processor.fetch({ inboxId: INBOX, providerMessageId: SID, media: [PHOTO, VOICE] }, 1);

    expect(repo.messages[0].attachments?.map((a) => a.id)).toEqual([`${SID}-0`, `${SID}-1`]);
  });

  it('retries while the media host fails, then records what was not kept', async () => {
    const { repo, processor } = setUp((media) => ({
      attachments: [kept(media[0], 0)],
      skipped: [{ url: VOICE.url, contentType: VOICE.contentType, reason: 'HTTP 503', retryable: true }],
    }));

    await expect(processor.fetch({ inboxId: INBOX, providerMessageId: SID, media: [PHOTO, VOICE] }, 1)).rejects.toThrow('1 of 2 media not fetched yet: HTTP 503');
    expect(repo.messages[0].attachments).toEqual([]);

    await processor.fetch({ inboxId: INBOX, providerMessageId: SID, media: [PHOTO, VOICE] }, 6);
    expect(repo.messages[0].attachments?.map((a) => a.id)).toEqual([`${SID}-0`]);
    expect(repo.messages[0].metadata).toEqual({ mediaSkipped: [{ url: VOICE.url, contentType: 'audio/ogg', reason: 'HTTP 503' }] });
  });

  it('gives up at once on a message that is not stored', async () => {
    const { processor, published } = setUp((media) => ({ attachments: media.map(kept), skipped: [] }));

    await expect(processor.fetch({ inboxId: INBOX, providerMessageId: 'MMunknown', media: [PHOTO] }, 1)).rejects.toBeInstanceOf(PermanentJobError);
    expect(published).toEqual([]);
  });
});
