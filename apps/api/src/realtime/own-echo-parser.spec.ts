import * as msgpack from 'notepack.io';
import { ownEchoSkippingParser } from './own-echo-parser';

const broadcast = (uid: string) => [uid, { type: 2, nsp: '/agents', data: ['message.created', { content: 'Где мой заказ?' }] }, { rooms: ['agents'], except: [] }];

describe('the Redis adapter parser that skips its own echo', () => {
  it('answers a broadcast this process published with its uid alone, without decoding the rest', () => {
    const parser = ownEchoSkippingParser();
    const published = parser.encode(broadcast('a1b2c3'));
    expect(parser.decode(published)).toEqual(['a1b2c3']);
  });

  it('decodes in full what other nodes and the workers\' emitter publish', () => {
    const parser = ownEchoSkippingParser();
    parser.encode(broadcast('a1b2c3'));
    expect(parser.decode(msgpack.encode(broadcast('zz9yy8')))).toEqual(broadcast('zz9yy8'));
    expect(parser.decode(msgpack.encode(broadcast('emitter')))).toEqual(broadcast('emitter'));
  });

  it('writes the same bytes as the default parser and leaves requests and responses alone', () => {
    const parser = ownEchoSkippingParser();
    expect(parser.encode(broadcast('a1b2c3'))).toEqual(msgpack.encode(broadcast('a1b2c3')));
    const request = { uid: 'a1b2c3', requestId: 'r1', type: 0 };
    expect(parser.decode(parser.encode(request))).toEqual(request);
    expect(parser.decode(msgpack.encode(['a1b2', 1]))).toEqual(['a1b2', 1]);
  });
});
