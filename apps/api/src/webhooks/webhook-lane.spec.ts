import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { HttpException } from '@nestjs/common';
import { readRequest } from './webhook-lane';

function request(body: string, headers: Record<string, string>): IncomingMessage {
  const stream = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
  stream.headers = { 'content-length': String(Buffer.byteLength(body)), ...headers };
  stream.url = '/webhooks/twilio/abc?x=1';
  return stream;
}

const statusOf = (p: Promise<unknown>) => p.then(() => 200, (err: unknown) => (err instanceof HttpException ? err.getStatus() : (err as { status?: number }).status));

describe('webhook lane: reading a provider request', () => {
  it('parses a form the way Twilio sends it and keeps the raw body and the requested path', async () => {
    const read = await readRequest(request('From=%2B79161234567&Body=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%D0%BC%D0%B8%D1%80', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }), '1mb');
    expect(read.body).toEqual({ From: '+79161234567', Body: 'Привет мир' });
    expect(read.rawBody.toString()).toContain('From=%2B79161234567');
    expect(read.url).toBe('/webhooks/twilio/abc?x=1');
  });

  it('parses JSON, and leaves other types to the adapter', async () => {
    expect((await readRequest(request('{"update_id":1}', { 'content-type': 'application/json' }), '1mb')).body).toEqual({ update_id: 1 });
    expect((await readRequest(request('', { 'content-type': 'application/json' }), '1mb')).body).toEqual({});
    expect((await readRequest(request('<xml/>', { 'content-type': 'text/xml' }), '1mb')).body).toBeUndefined();
  });

  it('refuses malformed JSON (400), a body over the limit (413), other charsets and encodings (415)', async () => {
    expect(await statusOf(readRequest(request('{"update_id":', { 'content-type': 'application/json' }), '1mb'))).toBe(400);
    expect(await statusOf(readRequest(request('x'.repeat(2048), { 'content-type': 'application/json' }), '1kb'))).toBe(413);
    expect(await statusOf(readRequest(request('a=1', { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }), '1mb'))).toBe(415);
    expect(await statusOf(readRequest(request('a=1', { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }), '1mb'))).toBe(415);
  });
});
