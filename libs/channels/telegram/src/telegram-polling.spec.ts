import { InboundMessageRefused, type InboundMessage, type InboxRef } from '@parley/channels-core';
import type { TelegramAdapter } from './telegram.adapter';
import { TelegramPolling } from './telegram-polling';
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
    const polling = new TelegramPolling(adapter, async (message) => {
      if (message.content === 'неизмеримо длинное') throw new InboundMessageRefused('the sender id is longer than 320 characters');
      stored.push(message.content);
      storedBoth();
    });
    await polling.sync([inbox]);
    await done;
    // The next getUpdates confirms both updates to Telegram.
    while (offsets.length < 2) await new Promise((r) => setImmediate(r));
    await polling.stopAll();
    expect(stored).toEqual(['Привет']);
    expect(offsets).toEqual([0, 12]);
  });
});
