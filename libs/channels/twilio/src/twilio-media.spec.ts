import type { AttachmentDto } from '@parley/contracts';
import type { AttachmentSink, NewAttachmentBytes } from '@parley/channels-core';
import { fetchInboundMedia, inboundMediaReferences, mediaAttachmentId } from './twilio-media';

const config = { accountSid: 'AC' + '1'.repeat(32), authToken: 'auth-token', from: '+15005550006', apiBaseUrl: 'https://api.twilio.com', templates: [] };
const media = (n: number) => `https://api.twilio.com/2010-04-01/Accounts/${config.accountSid}/Messages/MM1/Media/ME${n}`;

/** Attachment rows by id, as the database keeps them: saving an id twice keeps one. */
class MemorySink implements AttachmentSink {
  readonly rows = new Map<string, NewAttachmentBytes>();
  async save(input: NewAttachmentBytes): Promise<AttachmentDto> {
    if (!this.rows.has(input.id!)) this.rows.set(input.id!, input);
    return { id: input.id!, url: `/attachments/${input.id}`, contentType: input.contentType, fileName: input.fileName ?? undefined, size: input.data.length };
  }
}

/** A media host that answers only once every request it expects has arrived: sequential fetching never finishes. */
function hostAnsweringTogether(expected: number, answer: (url: string) => Response) {
  const seen: { url: string; auth: string | null }[] = [];
  let release!: () => void;
  const allThere = new Promise<void>((r) => (release = r));
  const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, auth: new Headers(init?.headers).get('authorization') });
    if (seen.length === expected) release();
    await allThere;
    return answer(url);
  }) as typeof fetch;
  return { fetchImpl, seen };
}

describe('Twilio inbound media', () => {
  it('reads the references of a webhook, at most ten', () => {
    const params: Record<string, string> = { NumMedia: '12' };
    for (let i = 0; i < 12; i++) Object.assign(params, { [`MediaUrl${i}`]: media(i), [`MediaContentType${i}`]: 'image/png' });
    expect(inboundMediaReferences(params)).toHaveLength(10);
    expect(inboundMediaReferences({ NumMedia: '0' })).toEqual([]);
  });

  it('fetches all media of a message at once, with the account credentials, under ids derived from the MessageSid', async () => {
    const host = hostAnsweringTogether(2, (url) => new Response(Buffer.from(`bytes of ${url.slice(-3)}`), { headers: { 'content-type': url.endsWith('1') ? 'image/jpeg' : 'application/pdf' } }));
    const sink = new MemorySink();
    const fetched = await fetchInboundMedia('MM1', [{ url: media(1), contentType: 'image/jpeg' }, { url: media(2), contentType: 'application/pdf' }], config, sink, 1024, host.fetchImpl);
    expect(fetched.skipped).toEqual([]);
    expect(fetched.attachments.map((a) => [a.id, a.fileName])).toEqual([
      [mediaAttachmentId('auth-token', 'MM1', 0), 'media-1.jpg'],
      [mediaAttachmentId('auth-token', 'MM1', 1), 'media-2.pdf'],
    ]);
    expect(host.seen.every((r) => r.auth === `Basic ${Buffer.from(`${config.accountSid}:auth-token`).toString('base64')}`)).toBe(true);

    // Fetched again (a redelivery, a retried job): the same rows, nothing new.
    const again = hostAnsweringTogether(2, () => new Response(Buffer.from('x'), { headers: { 'content-type': 'image/jpeg' } }));
    await fetchInboundMedia('MM1', [{ url: media(1), contentType: null }, { url: media(2), contentType: null }], config, sink, 1024, again.fetchImpl);
    expect(sink.rows.size).toBe(2);
  });

  it('sends no credentials to a host other than the account API', async () => {
    const host = hostAnsweringTogether(1, () => new Response(Buffer.from('image'), { headers: { 'content-type': 'image/png' } }));
    await fetchInboundMedia('MM2', [{ url: 'https://cdn.example.net/photo.png', contentType: 'image/png' }], config, new MemorySink(), 1024, host.fetchImpl);
    expect(host.seen).toEqual([{ url: 'https://cdn.example.net/photo.png', auth: null }]);
  });

  it('tells media worth another try (an outage) from media that will never be kept (too large, gone)', async () => {
    const host = hostAnsweringTogether(3, (url) =>
      url.endsWith('1') ? new Response('', { status: 503 }) : url.endsWith('2') ? new Response('', { status: 404 }) : new Response(Buffer.alloc(2048), { headers: { 'content-type': 'video/mp4' } }));
    const fetched = await fetchInboundMedia('MM3', [1, 2, 3].map((n) => ({ url: media(n), contentType: 'video/mp4' })), config, new MemorySink(), 1024, host.fetchImpl);
    expect(fetched.attachments).toEqual([]);
    expect(fetched.skipped.map((s) => [s.reason, s.retryable])).toEqual([
      ['HTTP 503', true],
      ['HTTP 404', false],
      [expect.stringMatching(/attachment limit/), false],
    ]);
  });
});
