import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentDto } from '@parley/contracts';
import type {
  AttachmentStorePort, DeliveryStatusUpdate, InboundMessage, InboundSink, NewAttachmentBytes, StoredMessageLookup,
} from '@parley/channels-core';
import { parseEmailConfig } from './email-config';
import { EmailInboundService, type EmailTarget } from './email-inbound.service';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

/** The ingest pipeline as the core port: what the channel hands over, recorded. */
class RecordedSink implements InboundSink {
  readonly ingested: InboundMessage[] = [];
  readonly reports: { inboxId: string; update: DeliveryStatusUpdate }[] = [];
  constructor(private readonly knownProviderIds: string[] = []) {}
  async ingest(message: InboundMessage) {
    this.ingested.push(message);
    return { duplicate: false, conversationId: '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11' };
  }
  async deliveryStatus(inboxId: string, update: DeliveryStatusUpdate) {
    this.reports.push({ inboxId, update });
    return this.knownProviderIds.includes(update.providerMessageId);
  }
}

class MemoryAttachments implements AttachmentStorePort {
  readonly saved: NewAttachmentBytes[] = [];
  constructor(readonly maxBytes: number) {}
  async save(input: NewAttachmentBytes): Promise<AttachmentDto> {
    this.saved.push(input);
    const id = `a${this.saved.length}`;
    return { id, url: `/attachments/${id}`, contentType: input.contentType, fileName: input.fileName ?? undefined, size: input.data.length };
  }
  async read() {
    return null;
  }
}

const noMessages: StoredMessageLookup = { hasProviderMessage: async () => false, anyPending: async () => false };
const config = { address: 'support@shop.example', smtp: { host: 'smtp.shop.example', port: 587 } };
const target: EmailTarget = { inbox: { ref: { id: 'inbox-1', channel: 'email', config }, config: parseEmailConfig(config) } };

describe('email inbound through the core ports', () => {
  it('hands a Russian customer mail to the inbound sink', async () => {
    const sink = new RecordedSink();
    const service = new EmailInboundService(noMessages, new MemoryAttachments(1024 * 1024), sink);
    const [outcome] = await service.receive(fixture('gmail-ru-reply.eml'), [target]);
    expect(outcome).toEqual({ inboxId: 'inbox-1', status: 'stored', conversationId: '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11' });
    expect(sink.ingested).toHaveLength(1);
    expect(sink.ingested[0]).toMatchObject({
      inboxId: 'inbox-1',
      channel: 'email',
      providerMessageId: 'CAF3mZt9hV1w+r0aQ7kLx2bT8nYcE5uD4oPqS6jRg0fW1iM2n3A@mail.gmail.com',
      sender: { externalId: 'maria.petrova.88@gmail.com', displayName: 'Мария Петрова' },
    });
  });

  it('answers a redelivered mail as a duplicate without storing its attachments again', async () => {
    const sink = new RecordedSink();
    const store = new MemoryAttachments(1024 * 1024);
    const seen: StoredMessageLookup = { hasProviderMessage: async (inboxId, id) => inboxId === 'inbox-1' && id.endsWith('outlook.com'), anyPending: async () => false };
    const [outcome] = await new EmailInboundService(seen, store, sink).receive(fixture('outlook-en-reply-attachment.eml'), [target]);
    expect(outcome.status).toBe('duplicate');
    expect(store.saved).toEqual([]);
    expect(sink.ingested).toEqual([]);
  });

  it('leaves out an attachment over the store limit and says why', async () => {
    const sink = new RecordedSink();
    const store = new MemoryAttachments(16);
    await new EmailInboundService(noMessages, store, sink).receive(fixture('outlook-en-reply-attachment.eml'), [target]);
    expect(store.saved).toEqual([]);
    expect(sink.ingested[0].metadata?.skippedAttachments).toEqual([
      expect.objectContaining({ fileName: 'Invoice INV-2025-0931.pdf', reason: 'Attachments are limited to 0 MB' }),
    ]);
  });

  it('reports a bounce of our message to the sink as failed', async () => {
    const sink = new RecordedSink(['parley.0195f3a2-0000-7000-8000-00000000dd01@shop.example']);
    const [outcome] = await new EmailInboundService(noMessages, new MemoryAttachments(1024), sink).receive(fixture('dsn-bounce-postfix.eml'), [target], { nullSender: true, via: 'smtp' });
    expect(outcome.status).toBe('bounce');
    expect(sink.reports).toEqual([{ inboxId: 'inbox-1', update: expect.objectContaining({ providerMessageId: 'parley.0195f3a2-0000-7000-8000-00000000dd01@shop.example', status: 'failed' }) }]);
    expect(sink.ingested).toEqual([]);
  });

  it('asks the sender to retry a bounce that overtook the send it reports', async () => {
    const pending: StoredMessageLookup = { hasProviderMessage: async () => false, anyPending: async (_inbox, ids) => ids.includes('0195f3a2-0000-7000-8000-00000000dd01') };
    const service = new EmailInboundService(pending, new MemoryAttachments(1024), new RecordedSink());
    await expect(service.receive(fixture('dsn-bounce-postfix.eml'), [target], { nullSender: true, via: 'smtp' })).rejects.toThrow('bounce of a message still being sent');
  });
});
