import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Channel, RoutingSettingsDto } from '@parley/contracts';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';

const KEY = 'routing.channel_weights';
const CACHE_MS = 5_000;

/** A live chat holds an agent's attention; an email can wait between other work. */
export const DEFAULT_CHANNEL_WEIGHTS: Record<Channel, number> = { webchat: 2, whatsapp: 2, telegram: 2, viber: 2, vk: 2, messenger: 2, instagram: 2, sms: 1, email: 1 };
export const DEFAULT_CAPACITY = 10;

@Injectable()
export class RoutingSettingsService {
  private cached: { at: number; weights: Record<Channel, number> } | null = null;

  constructor(@Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository) {}

  async channelWeights(): Promise<Record<Channel, number>> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.weights;
    const stored = await this.repo.setting(KEY);
    const weights = { ...DEFAULT_CHANNEL_WEIGHTS, ...(stored ? (JSON.parse(stored) as Partial<Record<Channel, number>>) : {}) };
    this.cached = { at: Date.now(), weights };
    return weights;
  }

  async weightOf(channel: Channel): Promise<number> {
    return (await this.channelWeights())[channel] ?? 1;
  }

  async get(): Promise<RoutingSettingsDto> {
    return { channelWeights: await this.channelWeights() };
  }

  async update(input: { channelWeights: Partial<Record<string, number>> }): Promise<RoutingSettingsDto> {
    const weights = { ...(await this.channelWeights()) };
    for (const [channel, w] of Object.entries(input.channelWeights ?? {})) {
      if (!(channel in DEFAULT_CHANNEL_WEIGHTS)) throw new BadRequestException(`Unknown channel ${channel}`);
      if (!Number.isInteger(w) || (w as number) < 1 || (w as number) > 100) throw new BadRequestException(`Weight of ${channel} must be an integer 1…100`);
      weights[channel as Channel] = w as number;
    }
    await this.repo.saveSetting(KEY, JSON.stringify(weights));
    this.cached = { at: Date.now(), weights };
    return { channelWeights: weights };
  }
}
