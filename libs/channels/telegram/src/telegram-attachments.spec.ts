import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttachmentDto } from '@parley/contracts';
import type { AttachmentStorePort, NewAttachmentBytes, StoredAttachmentBytes } from '@parley/channels-core';
import { TelegramAdapter } from './telegram.adapter';

/** The attachment store port, in memory: the adapter needs nothing else to keep files. */
class MemoryAttachments implements AttachmentStorePort {
  readonly saved: NewAttachmentBytes[] = [];
  constructor(readonly maxBytes: number) {}
  async save(input: NewAttachmentBytes): Promise<AttachmentDto> {
    this.saved.push(input);
    const id = `a${this.saved.length}`;
    return { id, url: `/attachments/${id}`, contentType: input.contentType, fileName: input.fileName ?? undefined, size: input.data.length };
  }
  async read(): Promise<StoredAttachmentBytes | null> {
    return null;
  }
}

/** The Bot API's getFile and file download, faked at the wire; counts the calls it answers. */
async function botApi(fileBytes: Buffer) {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(req.url ?? '');
    if (req.url?.includes('/getFile')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, result: { file_id: 'doc-1', file_unique_id: 'u1', file_path: 'documents/file_1.pdf' } }));
      return;
    }
    res.end(fileBytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const update = (fileSize?: number) => ({
  update_id: 901,
  message: {
    message_id: 11,
    from: { id: 4242, is_bot: false, first_name: 'Ольга' },
    chat: { id: 4242, type: 'private' },
    date: 1_764_000_000,
    caption: 'Счёт за заказ',
    document: { file_id: 'doc-1', file_unique_id: 'u1', file_name: 'счёт.pdf', mime_type: 'application/pdf', ...(fileSize ? { file_size: fileSize } : {}) },
  },
});

describe('Telegram files kept through the attachment store port', () => {
  const bytes = Buffer.from('%PDF-1.4 счёт №42');

  it('downloads a document and saves it through the port', async () => {
    const api = await botApi(bytes);
    try {
      const store = new MemoryAttachments(1024);
      const adapter = new TelegramAdapter(store);
      const [message] = await adapter.inboundOf(update(bytes.length), { id: 'inbox-1', channel: 'telegram', config: { botToken: '1:secret', apiBaseUrl: api.url } });
      expect(message.content).toBe('Счёт за заказ');
      expect(message.attachments).toEqual([{ id: 'a1', url: '/attachments/a1', contentType: 'application/pdf', fileName: 'счёт.pdf', size: bytes.length }]);
      expect(store.saved[0].data.equals(bytes)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('skips a file over the store limit without asking Telegram for it', async () => {
    const api = await botApi(bytes);
    try {
      const store = new MemoryAttachments(8);
      const adapter = new TelegramAdapter(store);
      const [message] = await adapter.inboundOf(update(bytes.length), { id: 'inbox-1', channel: 'telegram', config: { botToken: '1:secret', apiBaseUrl: api.url } });
      expect(message.attachments).toEqual([]);
      expect(message.metadata?.skippedAttachments).toEqual([{ fileName: 'счёт.pdf', reason: 'too large' }]);
      expect(api.calls).toEqual([]);
      expect(store.saved).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it('skips downloaded bytes over the store limit when Telegram did not give the size', async () => {
    const api = await botApi(bytes);
    try {
      const store = new MemoryAttachments(8);
      const adapter = new TelegramAdapter(store);
      const [message] = await adapter.inboundOf(update(), { id: 'inbox-1', channel: 'telegram', config: { botToken: '1:secret', apiBaseUrl: api.url } });
      expect(message.metadata?.skippedAttachments).toEqual([{ fileName: 'счёт.pdf', reason: 'too large' }]);
      expect(api.calls).toHaveLength(2);
      expect(store.saved).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
