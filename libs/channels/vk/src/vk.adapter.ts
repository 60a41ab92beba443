import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { API, APIError } from 'vk-io';
import type { AttachmentDto } from '@parley/contracts';
import {
  ATTACHMENT_STORE, type AttachmentStorePort, type ChannelAdapter, type FetchedMedia, type InboundMessage, type InboundRequest, type InboxRef, type MediaReference,
  notSent, type OutboundMessage, PermanentDeliveryError, type SendResult, type WebhookAck,
} from '@parley/channels-core';
import { readVkConfig, VK_API_BASE_URL, VK_API_VERSION, type VkConfig } from './vk-config';
import { readVkEvent, VK_EVENT_TYPES, vkMessageKey, type VkEvent } from './vk-event';
import { vkKeyboard } from './vk-keyboard';
import { fetchVkMedia, vkMediaId } from './vk-media';
import { VkNames, type VkProfile } from './vk-names';
import { randomIdFor } from './vk-random-id';

/** VK's limit of one message's text; longer replies go as several messages. */
const MAX_TEXT = 4096;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const OK: WebhookAck = { status: 200, contentType: 'text/plain', body: 'ok' };

/**
 * VK community messages through vk-io's API client, one per token: the Callback API webhook (the
 * `confirmation` request, the `secret` in every event as the only proof it is VK's) or the Bots Long
 * Poll source in the worker (VkLongPollSources). Sends use `random_id`s derived from our message id,
 * so VK itself turns a repeated messages.send into a no-op.
 */
@Injectable()
export class VkAdapter implements ChannelAdapter {
  readonly channel = 'vk' as const;
  readonly provider = 'vk';

  private readonly logger = new Logger(VkAdapter.name);
  private readonly clients = new Map<string, API>();
  private readonly names = new VkNames();
  /** Each inbox's settings read once: the webhook's inbox cache hands the same object to every event. */
  private readonly configs = new WeakMap<Record<string, unknown>, VkConfig>();

  constructor(@Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStorePort) {}

  /** The API client of one community token (vk-io's `apiBaseUrl` points it at the emulator). */
  client(config: VkConfig): API {
    const base = config.apiBaseUrl ?? VK_API_BASE_URL;
    const key = `${base}\n${config.accessToken}`;
    let api = this.clients.get(key);
    if (!api) {
      // vk-io's default agent speaks https only: an http base (the emulator, a local proxy) needs its own.
      const agent = base.startsWith('http:') ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
      // Community tokens may make 20 calls a second.
      api = new API({ token: config.accessToken, apiBaseUrl: base, apiVersion: VK_API_VERSION, apiLimit: 20, apiTimeout: 15_000, agent: agent as HttpsAgent });
      this.clients.set(key, api);
    }
    return api;
  }

  async configure(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown>> {
    const config = readVkConfig(inbox.config);
    const api = this.client(config);
    const group = await this.groupOf(api).catch((err) => {
      throw new Error(this.describe(err, config, 'the access token was refused by VK'));
    });
    if (config.groupId !== null && config.groupId !== group.id) throw new Error(`the access token belongs to community ${group.id}, not ${config.groupId}`);
    const settings: Record<string, unknown> = { group_id: group.id, api_version: VK_API_VERSION, ...Object.fromEntries(VK_EVENT_TYPES.map((t) => [t, 1])) };
    let secretKey = config.secretKey;
    let confirmationCode = config.confirmationCode;
    if (config.mode === 'callback') {
      secretKey ??= randomBytes(16).toString('hex');
      const url = `${context.publicUrl}/webhooks/vk/${inbox.id}`;
      try {
        if (!confirmationCode) confirmationCode = String(((await api.call('groups.getCallbackConfirmationCode', { group_id: group.id })) as { code: string }).code);
        const servers = (await api.call('groups.getCallbackServers', { group_id: group.id })) as { items?: { id: number; url: string }[] };
        const existing = servers.items?.find((s) => s.url === url);
        const serverId = existing
          ? (await api.call('groups.editCallbackServer', { group_id: group.id, server_id: existing.id, url, title: 'Parley', secret_key: secretKey }), existing.id)
          : ((await api.call('groups.addCallbackServer', { group_id: group.id, url, title: 'Parley', secret_key: secretKey })) as { server_id: number }).server_id;
        await api.call('groups.setCallbackSettings', { ...settings, server_id: serverId });
      } catch (err) {
        throw new Error(this.describe(err, config, `could not point the community's Callback API at ${url}`));
      }
    } else {
      try {
        await api.call('groups.setLongPollSettings', { ...settings, enabled: 1 });
        await api.call('groups.getLongPollServer', { group_id: group.id });
      } catch (err) {
        throw new Error(this.describe(err, config, 'could not turn on the community\'s Bots Long Poll API'));
      }
    }
    return {
      ...inbox.config,
      accessToken: config.accessToken,
      groupId: group.id,
      groupName: group.name,
      mode: config.mode,
      ...(secretKey ? { secretKey } : {}),
      ...(confirmationCode ? { confirmationCode } : {}),
      ...(config.apiBaseUrl ? { apiBaseUrl: config.apiBaseUrl } : {}),
    };
  }

  /** The community the token is for (groups.getById without ids). */
  async groupOf(api: API): Promise<{ id: number; name: string | null }> {
    const answer = (await api.call('groups.getById', {})) as { groups?: { id: number; name?: string }[] } | { id: number; name?: string }[];
    const group = Array.isArray(answer) ? answer[0] : answer.groups?.[0];
    if (!group || !Number.isSafeInteger(group.id)) throw new Error('groups.getById named no community: use a community token');
    return { id: group.id, name: group.name ?? null };
  }

  /** The `secret` VK puts in every Callback API event (confirmation included), and the community's id. */
  verify(request: InboundRequest, inbox: InboxRef): boolean {
    const body = request.body as VkEvent | undefined;
    const expected = inbox.config.secretKey;
    if (!body || typeof body !== 'object' || typeof expected !== 'string' || !expected || typeof body.secret !== 'string') return false;
    const a = Buffer.from(body.secret);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    return inbox.config.groupId == null || Number(body.group_id) === Number(inbox.config.groupId);
  }

  /**
   * VK's `confirmation` request (see `ChannelAdapter.confirm`: after the secret is checked): the code,
   * as plain text, proves this server is the community's.
   */
  confirm(request: InboundRequest, inbox: InboxRef): WebhookAck | null {
    if ((request.body as VkEvent).type !== 'confirmation') return null;
    const code = inbox.config.confirmationCode;
    if (typeof code !== 'string' || !code) throw new Error('this inbox has no confirmationCode: save it from the community\'s Callback API settings');
    return { status: 200, contentType: 'text/plain', body: code };
  }

  /** VK re-sends an event until it reads "ok". */
  acknowledge(): WebhookAck {
    return OK;
  }

  parse(request: InboundRequest, inbox: InboxRef): InboundMessage[] | Promise<InboundMessage[]> {
    return this.inboundOf(request.body, inbox);
  }

  /**
   * One event (Callback API or Long Poll) → the messages to store, with the names VK knows. Answered
   * at once when the sender's name is known (cached ten minutes): only a sender not seen lately waits
   * for users.get (batched, one call per community at a time, at most two seconds).
   */
  inboundOf(event: unknown, inbox: InboxRef): InboundMessage[] | Promise<InboundMessage[]> {
    const read = readVkEvent(event, inbox.id);
    if (!read) return [];
    const config = this.configOf(inbox);
    if (read.eventAnswer) {
      const api = this.client(config);
      // Stops the spinner on the customer's button; the press itself is recorded as a message.
      const { eventId, userId, peerId } = read.eventAnswer;
      void api.call('messages.sendMessageEventAnswer', { event_id: eventId, user_id: userId, peer_id: peerId }).catch((err: unknown) => {
        this.logger.warn({ inboxId: inbox.id, error: this.describe(err, config, 'sendMessageEventAnswer failed') }, 'button press not answered');
      });
    }
    const inbound = read.inbound;
    const userId = read.lookupUserId;
    if (userId === null) return [inbound];
    const known = this.names.cached(config.accessToken, userId);
    if (known) return [withProfile(inbound, known)];
    return this.names.lookup(config.accessToken, this.client(config), [userId]).then((found) => {
      const profile = found.get(userId);
      return [profile ? withProfile(inbound, profile) : inbound];
    });
  }

  /** `readVkConfig` of the inbox's settings, remembered for as long as that settings object lives. */
  private configOf(inbox: InboxRef): VkConfig {
    let config = this.configs.get(inbox.config);
    if (!config) {
      config = readVkConfig(inbox.config);
      this.configs.set(inbox.config, config);
    }
    return config;
  }

  async fetchMedia(inbox: InboxRef, providerMessageId: string, media: MediaReference[]): Promise<FetchedMedia> {
    const config = readVkConfig(inbox.config);
    const fetched = await fetchVkMedia((i) => vkMediaId(config.accessToken, inbox.id, providerMessageId, i), media, this.attachments, this.attachments.maxBytes);
    if (fetched.skipped.length) this.logger.warn({ inboxId: inbox.id, providerMessageId, skipped: fetched.skipped.map((s) => s.reason) }, 'VK media not fetched');
    return fetched;
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    let config: VkConfig;
    try {
      config = readVkConfig(inbox.config);
    } catch (err) {
      throw new PermanentDeliveryError(`The inbox's VK settings are incomplete: ${(err as Error).message}`);
    }
    const api = this.client(config);
    const peerId = Number(message.identityMetadata?.peerId ?? message.recipient.externalId);
    if (!Number.isSafeInteger(peerId) || peerId <= 0) throw new PermanentDeliveryError(`Not a VK user id: ${message.recipient.externalId}`, 'bad_recipient');
    const uploaded: string[] = [];
    for (const attachment of message.attachments.slice(0, 10)) uploaded.push(await this.upload(api, config, peerId, attachment));
    const texts = splitText(message.content);
    const parts = texts.length ? texts : [''];
    const keyboard = vkKeyboard(message.metadata?.buttons);
    const ids: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const params = {
        peer_id: peerId,
        // The same message part always gets the same random_id: VK sends it once however often we ask.
        random_id: randomIdFor(message.messageId, i),
        message: parts[i],
        ...(i === 0 && uploaded.length ? { attachment: uploaded.join(',') } : {}),
        ...(last && keyboard ? { keyboard } : {}),
      };
      ids.push(Number(await this.call(config, () => api.call('messages.send', params))));
    }
    return { providerMessageId: vkMessageKey(peerId, ids[ids.length - 1]), status: 'sent', metadata: { vkMessageIds: ids } };
  }

  /** A file into VK's upload server for messages: a photo, or else a document. Uploads are not messages: repeating one sends nothing. */
  private async upload(api: API, config: VkConfig, peerId: number, attachment: AttachmentDto): Promise<string> {
    const id = attachment.id ?? attachment.url.split('/').pop() ?? '';
    const stored = await this.attachments.read(id);
    if (!stored) throw new PermanentDeliveryError(`The attachment ${attachment.fileName ?? id} no longer exists`, 'attachment_missing');
    const photo = PHOTO_TYPES.has(stored.contentType);
    const fileName = stored.fileName ?? attachment.fileName ?? (photo ? 'photo.jpg' : 'file');
    const server = (await this.call(config, () => (photo
      ? api.call('photos.getMessagesUploadServer', { peer_id: peerId })
      : api.call('docs.getMessagesUploadServer', { peer_id: peerId, type: 'doc' })))) as { upload_url: string };
    const form = new FormData();
    form.append(photo ? 'photo' : 'file', new Blob([stored.data], { type: stored.contentType }), fileName);
    const res = await fetch(server.upload_url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) }).catch((err) => {
      throw new Error(`VK upload server unreachable: ${(err as Error).message}`);
    });
    if (!res.ok) throw new Error(`VK upload failed: HTTP ${res.status}`);
    const answer = (await res.json()) as Record<string, unknown>;
    if (answer.error) throw new PermanentDeliveryError(`VK refused the file ${fileName}: ${String(answer.error)}`, 'upload_refused');
    if (photo) {
      const saved = (await this.call(config, () => api.call('photos.saveMessagesPhoto', { photo: answer.photo, server: answer.server, hash: answer.hash }))) as { id: number; owner_id: number; access_key?: string }[];
      const p = saved[0];
      return `photo${p.owner_id}_${p.id}${p.access_key ? `_${p.access_key}` : ''}`;
    }
    const saved = (await this.call(config, () => api.call('docs.save', { file: answer.file, title: fileName }))) as { doc?: { id: number; owner_id: number } };
    if (!saved.doc) throw new PermanentDeliveryError(`VK did not keep the file ${fileName}`, 'upload_refused');
    return `doc${saved.doc.owner_id}_${saved.doc.id}`;
  }

  /**
   * One API call, its error in our terms: VK's "no permission" (the user denied messages, 901) and
   * privacy refusal (902) say something about the recipient; a bad token or parameter is permanent;
   * a rate limit or an outage is VK not taking the call, retried later.
   */
  private async call<T>(config: VkConfig, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!(err instanceof APIError)) throw new Error(this.describe(err, config, 'VK unreachable'));
      const text = `VK error ${err.code}: ${err.message}`;
      if (err.code === 901) throw new PermanentDeliveryError('The customer does not allow messages from the community', 'messages_denied', { optedOut: true });
      if (err.code === 902) throw new PermanentDeliveryError('The customer\'s privacy settings do not let the community write to them', 'privacy', { unreachable: true });
      if (err.code === 5 || err.code === 27 || err.code === 15 || err.code === 7) throw new PermanentDeliveryError(`VK refused the community token (${err.code}: ${err.message})`, 'unauthorized');
      if (err.code === 100 || err.code === 914 || err.code === 113) throw new PermanentDeliveryError(`VK refused the message (${err.code}: ${err.message})`, 'bad_request');
      if (err.code === 6 || err.code === 9 || err.code === 29) throw notSent(new Error(text));
      throw new Error(text);
    }
  }

  /** An error for people: VK's own words, never the token. */
  private describe(err: unknown, config: VkConfig, what: string): string {
    if (err instanceof APIError) return `${what} (${err.code}: ${err.message})`;
    const base = config.apiBaseUrl ?? VK_API_BASE_URL;
    return `${what}: cannot reach the VK API at ${base} (${String((err as Error)?.message ?? err)})`.split(config.accessToken).join('[token]');
  }
}

/** The message with what users.get told about its sender (or, for a reply sent from VK, its admin author). */
function withProfile(inbound: InboundMessage, profile: VkProfile): InboundMessage {
  if (inbound.sentElsewhere) return { ...inbound, sentElsewhere: { authorName: profile.name } };
  return {
    ...inbound,
    sender: { ...inbound.sender, displayName: profile.name },
    identityUpdate: { ...inbound.identityUpdate, metadata: { ...inbound.identityUpdate?.metadata, profileUrl: profile.profileUrl, ...(profile.screenName ? { screenName: profile.screenName } : {}) } },
    customerFill: { name: profile.name, attributes: { vkProfile: profile.profileUrl } },
  };
}

/** A reply split at VK's 4096 characters, at a line or word break where there is one. */
export function splitText(content: string): string[] {
  const text = content.trim();
  if (!text) return [];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    const window = rest.slice(0, MAX_TEXT);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > MAX_TEXT / 2 ? cut : MAX_TEXT;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
