import type { InboundSink } from './inbound-sink.port';
import { type InboundSource, type InboundSourceProvider, InboundSourceRegistry } from './inbound-source.port';

class RecordedSource implements InboundSource {
  constructor(readonly key: string, readonly fingerprint: string, private readonly events: string[]) {}
  start(): void {
    this.events.push(`start ${this.key} ${this.fingerprint}`);
  }
  async stop(): Promise<void> {
    this.events.push(`stop ${this.key} ${this.fingerprint}`);
  }
}

const sink: InboundSink = { ingest: async () => ({ duplicate: false, conversationId: 'c' }), deliveryStatus: async () => true };
const quiet = { log: () => undefined, warn: () => undefined };

describe('InboundSourceRegistry', () => {
  it('starts the sources the inboxes need, restarts one whose settings changed and stops the one no longer wanted', async () => {
    const events: string[] = [];
    let wanted: [string, string][] = [['telegram:a', 'token-1'], ['telegram:b', 'token-2']];
    const telegram: InboundSourceProvider = { name: 'telegram-polling', role: 'worker', wanted: async () => wanted.map(([k, f]) => new RecordedSource(k, f, events)) };
    const registry = new InboundSourceRegistry([telegram], sink, quiet);
    await registry.sync();
    await registry.sync();
    expect(events).toEqual(['start telegram:a token-1', 'start telegram:b token-2']);

    wanted = [['telegram:a', 'token-new']];
    await registry.sync();
    expect(events.slice(2)).toEqual(['stop telegram:a token-1', 'stop telegram:b token-2', 'start telegram:a token-new']);
    expect(registry.keys).toEqual(['telegram:a']);
    await registry.stopAll();
    expect(events.at(-1)).toBe('stop telegram:a token-new');
  });

  it("keeps a provider's sources running while it cannot read its inboxes", async () => {
    const events: string[] = [];
    let down = false;
    const imap: InboundSourceProvider = {
      name: 'imap',
      role: 'worker',
      wanted: async () => {
        if (down) throw new Error('connect ECONNREFUSED');
        return [new RecordedSource('imap:a', 'box', events)];
      },
    };
    const warnings: string[] = [];
    const registry = new InboundSourceRegistry([imap], sink, { log: () => undefined, warn: (m) => warnings.push(m) });
    await registry.sync();
    down = true;
    await registry.sync();
    expect(events).toEqual(['start imap:a box']);
    expect(registry.keys).toEqual(['imap:a']);
    expect(warnings).toEqual(['imap: could not read the inboxes: connect ECONNREFUSED']);
  });

  it('hands each source the sink it was given', async () => {
    const given: InboundSink[] = [];
    const source: InboundSource = { key: 'smtp', fingerprint: '*:2525', start: (s) => void given.push(s), stop: async () => undefined };
    const registry = new InboundSourceRegistry([{ name: 'smtp', role: 'api', wanted: async () => [source] }], sink, quiet);
    await registry.sync();
    expect(given).toEqual([sink]);
  });
});
