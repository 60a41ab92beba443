import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AGENT_EVENTS, type AttachmentDto } from '@parley/contracts';
import { type InboundMessage, type MediaReference, REALTIME, type RealtimePublisher } from '@parley/channels-core';
import { ChannelRegistry, toMessageDto } from '@parley/conversations';
import { JOB_QUEUE, type JobQueue, PermanentJobError } from '@parley/queue';
import { MEDIA_REPOSITORY, type MediaRepository } from './ports/media.repository';

export const MEDIA_QUEUE = 'inbound-media';
/** An unreachable media host gets this many tries (2 s, 4 s, 8 s… apart) before the media is recorded as not kept. */
const MEDIA_ATTEMPTS = 6;

export interface MediaFetchJob {
  inboxId: string;
  providerMessageId: string;
  media: MediaReference[];
}

/**
 * Inbound media off the acknowledgement path: the webhook queues the message with its media
 * references only; once the inbound job has stored it, this fetches the media (the adapter does,
 * all at once), adds the attachments to the message and its timeline event, and tells the console
 * (`message.updated`). Attachment ids come from the provider's message id, so a redelivered
 * webhook or a retried job stores each file once.
 */
@Injectable()
export class MediaFetchProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('media');

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(MEDIA_REPOSITORY) private readonly repo: MediaRepository,
    private readonly channels: ChannelRegistry,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  onApplicationBootstrap(): void {
    // Each job holds up to ten downloads of up to MAX_ATTACHMENT_BYTES in memory at once.
    this.queue.process(MEDIA_QUEUE, (job) => this.fetch(job.data, job.attempt), { concurrency: 4 });
  }

  /** After the inbound job stored `inbound`: queues its media, once per provider message. */
  async queueFor(inbound: Pick<InboundMessage, 'inboxId' | 'providerMessageId' | 'media'>): Promise<void> {
    if (!inbound.media?.length) return;
    const data: MediaFetchJob = { inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId, media: inbound.media };
    const jobId = `media-${createHash('sha256').update(`${inbound.inboxId}\n${inbound.providerMessageId}`).digest('hex')}`;
    await this.queue.add(MEDIA_QUEUE, 'fetch', data as unknown as Record<string, unknown>, { jobId, attempts: MEDIA_ATTEMPTS, backoffMs: 2_000 });
  }

  async fetch(job: MediaFetchJob, attempt: number): Promise<void> {
    const message = await this.repo.messageByProviderId(job.inboxId, job.providerMessageId);
    if (!message) throw new PermanentJobError(`no message ${job.providerMessageId} in inbox ${job.inboxId} to attach media to`);
    const inbox = await this.repo.inbox(job.inboxId);
    const adapter = inbox ? this.channels.find(inbox.channel) : undefined;
    if (!inbox || !adapter?.fetchMedia) throw new PermanentJobError(`inbox ${job.inboxId} cannot fetch media`);

    const fetched = await adapter.fetchMedia({ id: inbox.id, channel: inbox.channel, config: inbox.config }, job.providerMessageId, job.media);
    const retryable = fetched.skipped.filter((s) => s.retryable);
    if (retryable.length && attempt < MEDIA_ATTEMPTS) {
      throw new Error(`${retryable.length} of ${job.media.length} media not fetched yet: ${retryable.map((s) => s.reason).join('; ')}`);
    }
    const updated = await this.attach(message.id, fetched.attachments, fetched.skipped.map(({ retryable: _, ...s }) => s));
    if (updated) this.realtime.toAgents(AGENT_EVENTS.messageUpdated, toMessageDto(updated));
  }

  /** The message and its timeline event take the attachments (each id once); the pending mark goes. */
  private attach(messageId: string, attachments: AttachmentDto[], skipped: { url: string; contentType: string | null; reason: string }[]) {
    return this.repo.transaction(async (tx) => {
      const message = await tx.message(messageId);
      if (!message) return null;
      const known = new Set((message.attachments ?? []).map((a) => a.id));
      const all = [...(message.attachments ?? []), ...attachments.filter((a) => !known.has(a.id))];
      const { mediaPending: _, ...metadata } = message.metadata ?? {};
      if (skipped.length) metadata.mediaSkipped = skipped;
      const changes = { attachments: all, metadata: Object.keys(metadata).length ? metadata : null, updatedAt: new Date() };
      await tx.updateMessage(messageId, changes);
      const event = await tx.timelineEventOf(messageId);
      if (event) await tx.updateTimelineEvent(event.id, { data: { ...(event.data ?? {}), attachments: all } });
      return Object.assign(message, changes);
    });
  }
}
