import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import {
  CHANNEL_ADAPTERS, type ChannelAdapter, INBOX_DIRECTORY, type InboundMessage, type InboundSink, type InboundSource, type InboundSourceProvider, type InboxDirectory,
  type InboxRef, isInboundRefusal,
} from '@parley/channels-core';
import type { VkAdapter } from './vk.adapter';
import { readVkConfig } from './vk-config';
import type { VkEvent } from './vk-event';

/** Seconds an a_check call waits for news (VK allows up to 90). */
const WAIT_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;

interface LongPollServer { server: string; key: string; ts: string }

/**
 * One VK inbox in Long Poll mode (installs without a public URL): groups.getLongPollServer, then
 * `a_check` in a loop. A batch is stored (each dialog's events in order, files fetched) before the
 * next `ts` asks VK for what follows, so a failed store reads the batch again. `failed: 1` moves the
 * ts on, `2` (key expired) keeps it with a new key, `3` (history lost) starts from VK's new ts.
 */
export class VkLongPollSource implements InboundSource {
  readonly key: string;
  readonly fingerprint: string;
  private readonly logger = new Logger('VkLongPoll');
  private controller: AbortController | null = null;
  private done: Promise<void> | null = null;
  private store: (message: InboundMessage) => Promise<unknown> = async () => undefined;

  constructor(private readonly adapter: VkAdapter, private readonly inbox: InboxRef) {
    this.key = `vk:${inbox.id}`;
    const c = inbox.config;
    this.fingerprint = JSON.stringify([c.accessToken, c.groupId, c.apiBaseUrl ?? null, c.mode]);
  }

  start(sink: Pick<InboundSink, 'ingest'>): void {
    if (this.controller) return;
    this.store = (message) => sink.ingest(message);
    const controller = (this.controller = new AbortController());
    this.done = this.run(controller.signal).catch((err) => this.logger.error({ inboxId: this.inbox.id, err }, 'vk long poll stopped'));
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.done;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const config = readVkConfig(this.inbox.config);
    const api = this.adapter.client(config);
    let server: LongPollServer | null = null;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!server) {
          const groupId = config.groupId ?? (await this.adapter.groupOf(api)).id;
          const fresh = (await api.call('groups.getLongPollServer', { group_id: groupId })) as LongPollServer;
          server = { ...fresh, ts: String(fresh.ts) };
        }
        const url = `${server.server}?act=a_check&key=${encodeURIComponent(server.key)}&ts=${encodeURIComponent(server.ts)}&wait=${WAIT_SECONDS}`;
        const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout((WAIT_SECONDS + 10) * 1000)]) });
        if (!res.ok) throw new Error(`a_check answered HTTP ${res.status}`);
        const answer = (await res.json()) as { ts?: string | number; updates?: VkEvent[]; failed?: number };
        if (answer.failed === 1) {
          server.ts = String(answer.ts);
        } else if (answer.failed === 2) {
          const ts: string = server.ts;
          server = { ...((await api.call('groups.getLongPollServer', { group_id: config.groupId })) as LongPollServer), ts };
        } else if (answer.failed) {
          this.logger.warn({ inboxId: this.inbox.id, failed: answer.failed }, 'vk long poll history lost: reading on from now');
          server = null;
        } else {
          await this.storeInDialogOrder(answer.updates ?? [], signal);
          server.ts = String(answer.ts);
        }
        failures = 0;
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        this.logger.warn({ inboxId: this.inbox.id, failures, error: String((err as Error)?.message ?? err).split(config.accessToken).join('[token]') }, 'vk long poll failed');
        await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures), signal);
      }
    }
  }

  private async storeInDialogOrder(events: VkEvent[], signal: AbortSignal): Promise<void> {
    const byPeer = new Map<string, VkEvent[]>();
    for (const event of events) {
      const o = event?.object as Record<string, any> | undefined;
      const peer = String(o?.message?.peer_id ?? o?.peer_id ?? o?.user_id ?? event?.event_id);
      byPeer.set(peer, [...(byPeer.get(peer) ?? []), event]);
    }
    await Promise.all([...byPeer.values()].map(async (peerEvents) => {
      for (const event of peerEvents) {
        if (signal.aborted) throw new Error('stopped');
        let messages: InboundMessage[];
        try {
          messages = await this.adapter.inboundOf(event, this.inbox);
        } catch (err) {
          this.logger.warn({ inboxId: this.inbox.id, eventId: event?.event_id, error: String((err as Error)?.message ?? err) }, 'vk event skipped: malformed');
          continue;
        }
        for (const message of messages) await this.storeOne(message);
      }
    }));
  }

  /** No webhook job fetches this message's files later: they are fetched here, before it is stored. */
  private async storeOne(message: InboundMessage): Promise<void> {
    let complete = message;
    if (message.media?.length) {
      const fetched = await this.adapter.fetchMedia(this.inbox, message.providerMessageId, message.media);
      const { mediaPending: _, ...metadata } = message.metadata ?? {};
      const skipped = fetched.skipped.map(({ retryable: _r, ...s }) => s);
      complete = { ...message, media: undefined, attachments: fetched.attachments, metadata: { ...metadata, ...(skipped.length ? { mediaSkipped: skipped } : {}) } };
    }
    try {
      await this.store(complete);
    } catch (err) {
      // VK would not hand the event back anyway once ts moves on: one that can never be stored is logged and passed over.
      if (!isInboundRefusal(err)) throw err;
      this.logger.warn({ inboxId: this.inbox.id, providerMessageId: message.providerMessageId, reason: err.reason }, 'vk message refused: cannot be stored');
    }
  }
}

/** The VK inboxes in Long Poll mode, each a source the worker's runner keeps going. */
@Injectable()
export class VkLongPollSources implements InboundSourceProvider {
  readonly name = 'vk-longpoll';
  readonly role = 'worker' as const;
  private readonly adapter: VkAdapter | null;

  constructor(@Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[], @Inject(INBOX_DIRECTORY) private readonly inboxes: InboxDirectory) {
    this.adapter = (adapters.find((a) => a.channel === 'vk') as VkAdapter | undefined) ?? null;
  }

  async wanted(): Promise<VkLongPollSource[]> {
    const adapter = this.adapter;
    if (!adapter) return [];
    const polled = (await this.inboxes.ofChannel('vk')).filter((i) => i.config?.mode === 'longpoll');
    return polled.map((inbox) => new VkLongPollSource(adapter, inbox));
  }
}

@Module({ providers: [VkLongPollSources], exports: [VkLongPollSources] })
export class VkLongPollModule {}

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
