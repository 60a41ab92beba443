import type { AttachmentDto } from '@parley/contracts';
import { downloadMedia, stableAttachmentId, type MediaFetch } from './media-download';
import type { NewAttachmentBytes } from './inbound-media.port';

/** A media host: each URL answers its own status, headers and body. */
function host(routes: Record<string, { status?: number; headers?: Record<string, string>; body?: string }>): { fetch: MediaFetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (input) => {
      calls.push(input);
      const route = routes[input];
      if (!route) throw new TypeError('fetch failed');
      return new Response(route.body ?? '', { status: route.status ?? 200, headers: route.headers });
    },
  };
}

function memoryStore() {
  const saved: NewAttachmentBytes[] = [];
  return { saved, save: async (input: NewAttachmentBytes) => (saved.push(input), { id: input.id, fileName: input.fileName, contentType: input.contentType } as unknown as AttachmentDto) };
}

const describeAs = (ref: { fileName?: string | null }, i: number, served: string) => ({ contentType: served || 'application/octet-stream', fileName: ref.fileName ?? `media-${i + 1}`, id: `id-${i}` });

describe('downloadMedia', () => {
  it('stores each file with the name, type and id the adapter gives it, in order', async () => {
    const h = host({
      'https://cdn.example/a': { headers: { 'content-type': 'image/png; charset=binary' }, body: 'png' },
      'https://cdn.example/b': { body: 'Привет' },
    });
    const store = memoryStore();
    const got = await downloadMedia([{ url: 'https://cdn.example/a', contentType: null }, { url: 'https://cdn.example/b', contentType: null, fileName: 'заказ.txt' }], store, { maxBytes: 100, timeoutMs: 1000, fetchImpl: h.fetch, describe: describeAs });
    expect(got.skipped).toEqual([]);
    expect(store.saved.map((s) => [s.id, s.fileName, s.contentType, s.data.toString('utf8')])).toEqual([
      ['id-0', 'media-1', 'image/png', 'png'],
      ['id-1', 'заказ.txt', 'text/plain', 'Привет'],
    ]);
  });

  it('skips refusals and oversized files for good, and keeps 5xx, 429 and connection errors retryable', async () => {
    const h = host({
      'https://cdn.example/gone': { status: 404 },
      'https://cdn.example/busy': { status: 503 },
      'https://cdn.example/slow-down': { status: 429 },
      'https://cdn.example/big': { body: 'x'.repeat(11) },
      'https://cdn.example/big-declared': { headers: { 'content-length': '5000' }, body: 'x'.repeat(11) },
    });
    const refs = ['gone', 'busy', 'slow-down', 'big', 'big-declared', 'down'].map((p) => ({ url: `https://cdn.example/${p}`, contentType: 'image/jpeg' }));
    const store = memoryStore();
    const got = await downloadMedia([...refs, { url: 'ftp://cdn.example/x', contentType: null }], store, { maxBytes: 10, timeoutMs: 1000, fetchImpl: h.fetch, tooLarge: 'больше 10 байт', describe: describeAs });
    expect(store.saved).toEqual([]);
    expect(got.skipped.map((s) => [s.url.replace('https://cdn.example/', ''), s.reason, s.retryable])).toEqual([
      ['gone', 'HTTP 404', false],
      ['busy', 'HTTP 503', true],
      ['slow-down', 'HTTP 429', true],
      ['big', 'больше 10 байт', false],
      ['big-declared', 'больше 10 байт', false],
      ['down', 'fetch failed', true],
      ['ftp://cdn.example/x', 'not an http(s) URL', false],
    ]);
    expect(got.skipped[0].contentType).toBe('image/jpeg');
    expect(h.calls).not.toContain('ftp://cdn.example/x');
  });

  it('derives a stable, secret-bound attachment id shaped like a uuid', () => {
    expect(stableAttachmentId('secret-a', 'x:1:0')).toBe(stableAttachmentId('secret-a', 'x:1:0'));
    expect(stableAttachmentId('secret-a', 'x:1:0')).not.toBe(stableAttachmentId('secret-b', 'x:1:0'));
    expect(stableAttachmentId('secret-a', 'x:1:0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
