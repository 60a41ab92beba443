import { Logger } from '@nestjs/common';
import { TelegramError } from 'telegraf';
import { isInboundRefusal, type InboundMessage, type InboxRef } from '@parley/channels-core';
import type { TelegramAdapter } from './telegram.adapter';
import { readTelegramConfig } from './telegram-config';
import { ALLOWED_UPDATES, chatOf, type TgUpdate } from './telegram-update';

/** Seconds a getUpdates call waits for news (Telegram's long polling). */
const LONG_POLL_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;

interface Loop {
  fingerprint: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * getUpdates loops for the inboxes in polling mode, one per bot, any number at once. Each batch is
 * stored before the next offset confirms it to Telegram, so a crash re-reads rather than loses;
 * chats are stored side by side, each chat's updates in order.
 */
export class TelegramPolling {
  private readonly loops = new Map<string, Loop>();
  private readonly logger = new Logger(TelegramPolling.name);

  constructor(
    private readonly adapter: TelegramAdapter,
    /** Stores one message (IngestService.ingest): resolves once it is durable. */
    private readonly store: (message: InboundMessage) => Promise<unknown>,
  ) {}

  get running(): string[] {
    return [...this.loops.keys()];
  }

  /** Makes the loops match these inboxes: starts new ones, restarts changed ones, stops the rest. */
  async sync(inboxes: InboxRef[]): Promise<void> {
    const wanted = new Map(inboxes.map((i) => [i.id, i]));
    for (const [id, loop] of this.loops) {
      const inbox = wanted.get(id);
      if (!inbox || fingerprint(inbox) !== loop.fingerprint) await this.stop(id);
    }
    for (const inbox of inboxes) if (!this.loops.has(inbox.id)) this.start(inbox);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.loops.keys()].map((id) => this.stop(id)));
  }

  private start(inbox: InboxRef): void {
    const controller = new AbortController();
    const done = this.run(inbox, controller.signal).catch((err) => this.logger.error({ inboxId: inbox.id, err }, 'telegram polling stopped'));
    this.loops.set(inbox.id, { fingerprint: fingerprint(inbox), controller, done });
    this.logger.log({ inboxId: inbox.id }, 'telegram long polling started');
  }

  private async stop(id: string): Promise<void> {
    const loop = this.loops.get(id);
    if (!loop) return;
    this.loops.delete(id);
    loop.controller.abort();
    await loop.done;
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
