import { InboundMessageRefused, type InboundMessage, type InboxRef } from '@parley/channels-core';
import type { TelegramAdapter } from './telegram.adapter';
import { TelegramPollingSource, TelegramPollingSources } from './telegram-polling';
import type { TgUpdate } from './telegram-update';

const inbox: InboxRef = { id: '0190e4c2-0000-7000-8000-0000000000aa', channel: 'telegram', config: { botToken: '123:abc', mode: 'polling' } };

const update = (id: number, text: string): TgUpdate =>
  ({ update_id: id, message: { message_id: id, date: 1_764_000_000, chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'Иван' }, text } }) as unknown as TgUpdate;

/** A Bot API that hands out `batches` one getUpdates call at a time, then waits for the stop. */
function fakeBotApi(batches: TgUpdate[][]) {
  const offsets: number[] = [];
  const callApi = async (_method: string, params: { offset: number }, options: { signal: AbortSignal }) => {
    offsets.push(params.offset);
    const batch = batches.shift();
    if (batch) return batch;
    return new Promise((_, reject) => options.signal.addEventListener('abort', () => reject(new Error('aborted'))));
  };
  const adapter = {
    client: () => ({ callApi }),
    inboundOf: async (u: TgUpdate): Promise<InboundMessage[]> => [{
      inboxId: inbox.id,
      channel: 'telegram',
      providerMessageId: String(u.update_id),
      sender: { externalId: '42' },
      content: u.message!.text!,
    }],
  } as unknown as TelegramAdapter;
  return { adapter, offsets };
}

describe('Telegram long polling', () => {
  it('passes over a message that can never be stored instead of asking for it again forever', async () => {
    const { adapter, offsets } = fakeBotApi([[update(10, 'неизмеримо длинное'), update(11, 'Привет')]]);
    const stored: string[] = [];
    let storedBoth!: () => void;
    const done = new Promise<void>((resolve) => (storedBoth = resolve));
    const polling = new TelegramPollingSource(adapter, inbox);
    polling.start({
      ingest: async (message) => {
        if (message.content === 'неизмеримо длинное') throw new InboundMessageRefused('the sender id is longer than 320 characters');
        stored.push(message.content);
        storedBoth();
        return { duplicate: false, conversationId: 'c1' };
      },
    });
    await done;
    // The next getUpdates confirms both updates to Telegram.
    while (offsets.length < 2) await new Promise((r) => setImmediate(r));
    await polling.stop();
    expect(stored).toEqual(['Привет']);
    expect(offsets).toEqual([0, 12]);
  });

  it('wants one source per inbox in polling mode, restarted when its bot token changes', async () => {
    const { adapter } = fakeBotApi([]);
    const webhook: InboxRef = { id: '0190e4c2-0000-7000-8000-0000000000ab', channel: 'telegram', config: { botToken: '456:def', mode: 'webhook' } };
    const sources = new TelegramPollingSources([Object.assign(adapter, { channel: 'telegram' as const })], { ofChannel: async () => [inbox, webhook] });
    const [only, ...none] = await sources.wanted();
    expect(none).toEqual([]);
    expect(only.key).toBe(`telegram:${inbox.id}`);
    const changed = new TelegramPollingSource(adapter, { ...inbox, config: { ...inbox.config, botToken: '123:new' } });
    expect(changed.key).toBe(only.key);
    expect(changed.fingerprint).not.toBe(only.fingerprint);
  });
});
