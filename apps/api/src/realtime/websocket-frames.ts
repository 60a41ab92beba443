import type { Socket } from 'node:net';
import { transports } from 'engine.io';

interface WebSocketTransport {
  send(packets: unknown[]): void;
  /** The `ws` WebSocket of the connection; its `_socket` is the TCP socket. */
  socket?: { _socket?: Pick<Socket, 'cork' | 'uncork'> };
}

const PATCHED = Symbol.for('parley.websocket-frames');

/**
 * Speed (web chat benchmark, BENCHMARKS.md): engine.io hands a connection's buffered packets to `ws`
 * one frame at a time, and `ws` writes every frame with a system call of its own. Under load an
 * agent's socket drains dozens of packets at once (`message.created`, `conversation.updated` and
 * `timeline.created` for each message of a group commit), and those writes were the api's largest
 * single cost. Corking the TCP socket around the batch sends the same frames, in the same order, in
 * one write. A batch of one packet, or a connection whose TCP socket is not reachable, goes as before.
 */
export function sendBufferedFramesTogether(transport: { prototype: object } = transports.websocket): void {
  const proto = transport.prototype as WebSocketTransport & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const send = proto.send;
  proto.send = function (this: WebSocketTransport, packets: unknown[]) {
    const tcp = packets.length > 1 ? this.socket?._socket : undefined;
    if (!tcp) return send.call(this, packets);
    tcp.cork();
    try {
      send.call(this, packets);
    } finally {
      tcp.uncork();
    }
  };
  proto[PATCHED] = true;
}
