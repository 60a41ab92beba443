import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, RoutingSettingsDto } from '@parley/contracts';
import { SettingEntity } from '@parley/persistence';

const KEY = 'routing.channel_weights';
const CACHE_MS = 5_000;

/** A live chat holds an agent's attention; an email can wait between other work. */
export const DEFAULT_CHANNEL_WEIGHTS: Record<Channel, number> = { webchat: 2, whatsapp: 2, telegram: 2, sms: 1, email: 1 };
export const DEFAULT_CAPACITY = 10;

@Injectable()
export class RoutingSettingsService {
  private cached: { at: number; weights: Record<Channel, number> } | null = null;

  constructor(private readonly db: DataSource) {}

  async channelWeights(): Promise<Record<Channel, number>> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.weights;
    const row = await this.db.getRepository(SettingEntity).findOneBy({ key: KEY });
    const weights = { ...DEFAULT_CHANNEL_WEIGHTS, ...(row ? (JSON.parse(row.value) as Partial<Record<Channel, number>>) : {}) };
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
    const repo = this.db.getRepository(SettingEntity);
    await repo.save({ key: KEY, value: JSON.stringify(weights) });
    this.cached = { at: Date.now(), weights };
    return { channelWeights: weights };
  }
}
