import * as msgpack from 'notepack.io';

/** The socket.io Redis adapter's parser option: what it publishes and reads on its channels. */
export interface AdapterParser {
  encode(msg: unknown): Buffer;
  decode(msg: Buffer): unknown;
}

/**
 * Speed: socket.io's Redis adapter receives every broadcast it publishes (Redis echoes a publish to
 * every subscriber, the sender too), decodes all of it, and only then sees its own uid and drops it.
 * With four broadcasts per web chat message that is four full decodes of the message, the
 * conversation and the timeline event per message, for nothing. This parser remembers the uids its
 * adapters publish under and answers a message that starts with one of them with just the uid, which
 * is all the adapter reads before dropping it. Everything else is decoded as before (msgpack, as the
 * adapter's default parser and the workers' Redis emitter use).
 */
export function ownEchoSkippingParser(codec: AdapterParser = msgpack): AdapterParser {
  const ours = new Set<string>();
  return {
    encode(msg) {
      // A broadcast is [uid, packet, options]; requests and responses are objects.
      if (Array.isArray(msg) && typeof msg[0] === 'string') ours.add(msg[0]);
      return codec.encode(msg);
    },
    decode(buf) {
      const uid = leadingString(buf);
      if (uid !== null && ours.has(uid)) return [uid];
      return codec.decode(buf);
    },
  };
}

/** The first element of a msgpack array of three, when it is a short string (fixarray 0x93, fixstr 0xa0–0xbf). */
function leadingString(buf: Buffer): string | null {
  if (buf.length < 2 || buf[0] !== 0x93 || buf[1] < 0xa0 || buf[1] > 0xbf) return null;
  const end = 2 + (buf[1] - 0xa0);
  return end <= buf.length ? buf.toString('utf8', 2, end) : null;
}
