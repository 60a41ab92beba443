import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Channel } from '@parley/contracts';
import { CHANNEL_ADAPTERS, ChannelAdapter } from '@parley/channels-core';

@Injectable()
export class ChannelRegistry {
  private readonly byChannel: Map<Channel, ChannelAdapter>;

  constructor(@Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[]) {
    this.byChannel = new Map(adapters.map((a) => [a.channel, a]));
  }

  find(channel: Channel): ChannelAdapter | undefined {
    return this.byChannel.get(channel);
  }

  all(): ChannelAdapter[] {
    return [...this.byChannel.values()];
  }

  get(channel: Channel): ChannelAdapter {
    const adapter = this.byChannel.get(channel);
    if (!adapter) throw new NotFoundException(`No adapter for channel ${channel}`);
    return adapter;
  }
}
