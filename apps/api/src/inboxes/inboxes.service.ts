import { BadRequestException, Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Channel, InboxDto } from '@parley/contracts';
import type { InboxRef } from '@parley/channels-core';
import { ChannelRegistry } from '@parley/conversations';
import { isPhoneRegion, newId, newIdentitySecret } from '@parley/domain';
import type { InboxEntity } from '@parley/persistence';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { DEMO_BRAND, DEMO_INBOXES, DEMO_WEBCHAT_INBOX_ID, demoEmulators } from './demo-inboxes';
import { DemoSeed } from './demo-seed';
import { maskSecrets, mergeConfig, templateListProblem } from './inbox-config';
import { INBOX_REPOSITORY, type InboxRepository } from './ports/inbox.repository';

export const DEMO_INBOX_NAME = 'Demo web chat';
const DEMO_INBOX_ID = DEMO_WEBCHAT_INBOX_ID;
const WEBHOOK_INBOX_TTL_MS = 5_000;

@Injectable()
export class InboxesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(InboxesService.name);
  private readonly webhookInboxes = new Map<string, { inbox: InboxEntity; until: number; refreshing: boolean }>();

  constructor(
    @Inject(INBOX_REPOSITORY) private readonly repo: InboxRepository,
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly channels: ChannelRegistry,
    private readonly demoSeed: DemoSeed,
  ) {}

  toDto(i: InboxEntity): InboxDto {
    return {
      id: i.id,
      name: i.name,
      channel: i.channel,
      config: maskSecrets(i.config),
      ...(i.websiteToken ? { websiteToken: i.websiteToken } : {}),
      createdAt: i.createdAt.toISOString(),
    };
  }

  async list(): Promise<InboxDto[]> {
    return (await this.repo.list()).map((i) => this.toDto(i));
  }

  async entity(id: string): Promise<InboxEntity> {
    const inbox = await this.repo.byId(id);
    if (!inbox) throw new NotFoundException(`Inbox ${id} not found`);
    return inbox;
  }

  /**
   * The inbox of a provider webhook. Providers call at thousands per second and an inbox rarely
   * changes, so it is kept and refreshed in the background every WEBHOOK_INBOX_TTL_MS: an edit made
   * on another node (a rotated token) applies here within about that; one made on this node, at
   * once. Acknowledging a webhook then never waits for a database connection the worker holds.
   */
  async forWebhook(id: string): Promise<InboxEntity | null> {
    const hit = this.webhookInboxes.get(id);
    if (!hit) return this.loadForWebhook(id);
    if (hit.until <= Date.now() && !hit.refreshing) {
      hit.refreshing = true;
      this.loadForWebhook(id).catch(() => (hit.refreshing = false));
    }
    return hit.inbox;
  }

  private async loadForWebhook(id: string): Promise<InboxEntity | null> {
    const inbox = await this.repo.byId(id);
    if (!inbox) {
      this.webhookInboxes.delete(id);
      return null;
    }
    if (this.webhookInboxes.size >= 1000) this.webhookInboxes.clear();
    this.webhookInboxes.set(id, { inbox, until: Date.now() + WEBHOOK_INBOX_TTL_MS, refreshing: false });
    return inbox;
  }

  async byWebsiteToken(token: string): Promise<InboxEntity | null> {
    return this.repo.webchatByWebsiteToken(token);
  }

  async create(name: string, channel: Channel, config: Record<string, unknown>, id = newId()): Promise<InboxDto> {
    if (!this.channels.find(channel)) throw new BadRequestException(`This build of Parley has no ${channel} adapter: its inboxes cannot be created yet`);
    const now = new Date();
    config = await this.configured({ id, channel, config: config ?? {} });
    const inbox: InboxEntity = {
      id,
      name: name.trim(),
      channel,
      config: config ?? {},
      websiteToken: channel === 'webchat' ? randomBytes(18).toString('base64url') : null,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insertIfAbsent(inbox);
    return this.toDto(inbox);
  }

  async update(id: string, patch: { name?: string; config?: Record<string, unknown> }): Promise<InboxDto> {
    const inbox = await this.entity(id);
    if (patch.name !== undefined) {
      if (!patch.name.trim()) throw new BadRequestException('name must not be empty');
      inbox.name = patch.name.trim();
    }
    // A secret left blank or sent back masked keeps the stored one; null clears an optional key.
    if (patch.config !== undefined) {
      inbox.config = await this.configured({ id: inbox.id, channel: inbox.channel, config: mergeConfig(inbox.config, patch.config) });
    }
    inbox.updatedAt = new Date();
    await this.repo.update(id, { name: inbox.name, config: inbox.config, updatedAt: inbox.updatedAt });
    this.webhookInboxes.delete(id);
    return this.toDto(inbox);
  }

  /**
   * The web chat inbox's identity secret in clear, for an admin to put on their site's server. Each
   * inbox gets its own on the first reveal (no site can sign before an admin has seen it, and
   * inboxes that never verify keep a config without it); `rotate` replaces it, and hashes signed
   * with the old one stop verifying.
   */
  async identitySecret(id: string, rotate: boolean): Promise<{ identitySecret: string }> {
    const inbox = await this.entity(id);
    if (inbox.channel !== 'webchat') throw new BadRequestException('Only web chat inboxes verify identities');
    const stored = typeof inbox.config?.identitySecret === 'string' ? inbox.config.identitySecret : '';
    if (stored && !rotate) return { identitySecret: stored };
    const identitySecret = newIdentitySecret();
    await this.repo.update(id, { config: { ...inbox.config, identitySecret }, updatedAt: new Date() });
    this.logger.log({ inboxId: id, rotated: !!stored }, 'web chat identity secret set');
    return { identitySecret };
  }

  /** Lets the channel's adapter check and complete the settings; its refusal is a 400. */
  private async configured(inbox: InboxRef): Promise<Record<string, unknown>> {
    const problem = templateListProblem(inbox.config);
    if (problem) throw new BadRequestException(`The ${inbox.channel} settings were refused: ${problem}`);
    if (inbox.config?.phoneRegion !== undefined && !isPhoneRegion(inbox.config.phoneRegion)) {
      throw new BadRequestException(`The ${inbox.channel} settings were refused: phoneRegion must be an ISO country code in capitals, such as RU, KZ or DE`);
    }
    const adapter = this.channels.find(inbox.channel);
    if (!adapter?.configure) return inbox.config;
    try {
      return (await adapter.configure(inbox, { publicUrl: this.config.publicUrl })) ?? inbox.config;
    } catch (err) {
      throw new BadRequestException(`The ${inbox.channel} settings were refused: ${err.message}`);
    }
  }

  /**
   * The provider checks the connection by calling this api, which starts listening only after
   * bootstrap: tried in the background, once a second for half a minute.
   */
  private connectDemo(demo: (typeof DEMO_INBOXES)[number], emulatorUrl: string, attempt = 1): void {
    const retry = setTimeout(() => {
      demo.connect!(demo.id, emulatorUrl, this.config.publicUrl).then(
        () => this.logger.log(`demo ${demo.channel} inbox connected to the ${demo.emulator} emulator`),
        (err) => {
          if (attempt < 30) this.connectDemo(demo, emulatorUrl, attempt + 1);
          else this.logger.warn(`demo ${demo.channel} inbox not connected: ${err.message}`);
        },
      );
    }, 1000);
    retry.unref();
  }

  /** The /demo page needs a web chat inbox: made once, on first start, unless PARLEY_DEMO=false. */
  async demoInbox(): Promise<InboxEntity | null> {
    return this.repo.byId(DEMO_INBOX_ID);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    if (!(await this.demoInbox())) {
      await this.create(DEMO_INBOX_NAME, 'webchat', { brandName: DEMO_BRAND }, DEMO_INBOX_ID);
      this.logger.log('demo web chat inbox created for /demo');
    }
  }

  /**
   * The demo inboxes of the channel emulators (PARLEY_DEMO_EMULATORS), configured against them.
   * Called once the server listens (main.ts): a provider may call the webhook back while its
   * inbox is configured (Viber's set_webhook checks the URL first).
   */
  async setUpDemoEmulatorInboxes(): Promise<void> {
    if (!this.config.demo) return;
    const emulators = demoEmulators();
    for (const demo of DEMO_INBOXES) {
      const url = emulators[demo.emulator];
      if (!url) continue;
      const config = demo.config(url, this.config.publicUrl);
      try {
        // The emulators keep no state across restarts: an existing demo inbox is configured again
        // (its adapter's configure hook tells the emulator where to deliver) and follows their URL.
        if (await this.repo.exists(demo.id)) {
          await this.update(demo.id, { config });
        } else {
          await this.create(demo.name, demo.channel, config, demo.id);
          this.logger.log(`demo ${demo.channel} inbox created against the ${demo.emulator} emulator`);
        }
        if (demo.connect) this.connectDemo(demo, url);
      } catch (err) {
        this.logger.warn(`demo ${demo.channel} inbox not set up: ${err.message}`);
      }
    }
    if (Object.keys(emulators).length) await this.demoSeed.run([DEMO_INBOX_ID, ...DEMO_INBOXES.map((d) => d.id)]).catch((err) => this.logger.warn(`demo data not added: ${err.message}`));
  }
}
