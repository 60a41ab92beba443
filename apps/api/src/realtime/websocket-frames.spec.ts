import { sendBufferedFramesTogether } from './websocket-frames';

/** A stand-in for engine.io's WebSocket transport: each packet is written as its own frame. */
function fakeTransport() {
  const log: string[] = [];
  const tcp = { cork: () => void log.push('cork'), uncork: () => void log.push('uncork') };
  class Transport {
    socket = { _socket: tcp };
    send(packets: string[]) {
      for (const p of packets) log.push(`frame ${p}`);
    }
  }
  return { Transport, log };
}

describe('sending a connection\'s buffered frames together', () => {
  it('corks the TCP socket around a batch, so its frames leave in one write, in order', () => {
    const { Transport, log } = fakeTransport();
    sendBufferedFramesTogether(Transport);
    new Transport().send(['message.created Привет', 'conversation.updated', 'timeline.created']);
    expect(log).toEqual(['cork', 'frame message.created Привет', 'frame conversation.updated', 'frame timeline.created', 'uncork']);
  });

  it('leaves a single frame alone and patches the transport once', () => {
    const { Transport, log } = fakeTransport();
    sendBufferedFramesTogether(Transport);
    sendBufferedFramesTogether(Transport);
    new Transport().send(['ack']);
    new Transport().send(['a', 'b']);
    expect(log).toEqual(['frame ack', 'cork', 'frame a', 'frame b', 'uncork']);
  });

  it('uncorks even when a frame cannot be written', () => {
    const log: string[] = [];
    class Failing {
      socket = { _socket: { cork: () => void log.push('cork'), uncork: () => void log.push('uncork') } };
      send(_packets: string[]): void {
        throw new Error('write after end');
      }
    }
    sendBufferedFramesTogether(Failing);
    expect(() => new Failing().send(['a', 'b'])).toThrow('write after end');
    expect(log).toEqual(['cork', 'uncork']);
  });
});
