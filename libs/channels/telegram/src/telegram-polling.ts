import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { TelegramError } from 'telegraf';
import {
  CHANNEL_ADAPTERS, type ChannelAdapter, INBOX_DIRECTORY, type InboundMessage, type InboundSink, type InboundSource, type InboundSourceProvider, type InboxDirectory, type InboxRef,
  isInboundRefusal,
} from '@parley/channels-core';
import type { TelegramAdapter } from './telegram.adapter';
import { readTelegramConfig } from './telegram-config';
import { ALLOWED_UPDATES, chatOf, type TgUpdate } from './telegram-update';

/** Seconds a getUpdates call waits for news (Telegram's long polling). */
const LONG_POLL_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;

/**
 * One Telegram inbox in polling mode (installs without a public URL): a getUpdates loop. Each batch
 * is stored before the next offset confirms it to Telegram, so a crash re-reads rather than loses;
 * chats are stored side by side, each chat's updates in order.
 */
export class TelegramPollingSource implements InboundSource {
  readonly key: string;
  readonly fingerprint: string;
  private readonly logger = new Logger('TelegramPolling');
  private controller: AbortController | null = null;
  private done: Promise<void> | null = null;
  private store: (message: InboundMessage) => Promise<unknown> = async () => undefined;

  constructor(
    private readonly adapter: TelegramAdapter,
    private readonly inbox: InboxRef,
  ) {
    this.key = `telegram:${inbox.id}`;
    this.fingerprint = fingerprint(inbox);
  }

  start(sink: Pick<InboundSink, 'ingest'>): void {
    if (this.controller) return;
    // Stores one message: resolves once it is durable.
    this.store = (message) => sink.ingest(message);
    const controller = (this.controller = new AbortController());
    this.done = this.run(this.inbox, controller.signal).catch((err) => this.logger.error({ inboxId: this.inbox.id, err }, 'telegram polling stopped'));
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.done;
  }

  private async run(inbox: InboxRef, signal: AbortSignal): Promise<void> {
    const tg = this.adapter.client(readTelegramConfig(inbox.config));
    let offset = 0;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = (await tg.callApi(
          'getUpdates',
          { offset, timeout: LONG_POLL_SECONDS, limit: 100, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: signal as never },
        )) as TgUpdate[];
        await this.storeInChatOrder(inbox, updates, signal);
        if (updates.length) offset = updates[updates.length - 1].update_id + 1;
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        const what = err instanceof TelegramError ? `${err.code}: ${err.description}` : String((err as Error)?.message ?? err);
        // 409: a webhook is set or another process polls this bot; 401: the token was revoked.
        this.logger.warn({ inboxId: inbox.id, failures, error: what.split(String(inbox.config.botToken)).join('[token]') }, 'telegram getUpdates failed');
        await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures), signal);
      }
    }
  }

  private async storeInChatOrder(inbox: InboxRef, updates: TgUpdate[], signal: AbortSignal): Promise<void> {
    const byChat = new Map<string, TgUpdate[]>();
    for (const update of updates) {
      const chat = chatOf(update) ?? `update:${update.update_id}`;
      byChat.set(chat, [...(byChat.get(chat) ?? []), update]);
    }
    await Promise.all(
      [...byChat.values()].map(async (chatUpdates) => {
        for (const update of chatUpdates) {
          if (signal.aborted) throw new Error('stopped');
          let messages: InboundMessage[];
          try {
            messages = await this.adapter.inboundOf(update, inbox);
          } catch (err) {
            // A file Telegram could not hand out right now: read the batch again later.
            if ((err as { getStatus?: () => number }).getStatus?.() === 503) throw err;
            this.logger.warn({ inboxId: inbox.id, updateId: update?.update_id, error: String((err as Error)?.message ?? err) }, 'telegram update skipped: malformed');
            continue;
          }
          for (const message of messages) {
            try {
              await this.store(message);
            } catch (err) {
              // Telegram would hand the same update back on every getUpdates until the offset
              // passes it: a message that can never be stored is logged and passed over.
              if (!isInboundRefusal(err)) throw err;
              this.logger.warn({ inboxId: inbox.id, updateId: update.update_id, reason: err.reason }, 'telegram message refused: cannot be stored');
            }
          }
        }
      }),
    );
  }
}

/** The Telegram inboxes in polling mode, each a source the worker's runner keeps going. */
@Injectable()
export class TelegramPollingSources implements InboundSourceProvider {
  readonly name = 'telegram-polling';
  readonly role = 'worker' as const;
  private readonly adapter: TelegramAdapter | null;

  constructor(
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(INBOX_DIRECTORY) private readonly inboxes: InboxDirectory,
  ) {
    this.adapter = (adapters.find((a) => a.channel === 'telegram') as TelegramAdapter | undefined) ?? null;
  }

  async wanted(): Promise<TelegramPollingSource[]> {
    const adapter = this.adapter;
    if (!adapter) return [];
    const polled = (await this.inboxes.ofChannel('telegram')).filter((i) => i.config?.mode === 'polling');
    return polled.map((inbox) => new TelegramPollingSource(adapter, inbox));
  }
}

/** Telegram long polling's sources, for the worker's inbound-source runner. */
@Module({ providers: [TelegramPollingSources], exports: [TelegramPollingSources] })
export class TelegramPollingModule {}

function fingerprint(inbox: InboxRef): string {
  const c = inbox.config;
  return JSON.stringify([c.botToken, c.apiBaseUrl ?? null, c.mode]);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
