import { BadRequestException } from '@nestjs/common';
import { DEFAULT_CHANNEL_WEIGHTS, RoutingSettingsService } from './routing-settings.service';
import { InMemoryRoutingRepository } from './testing/in-memory-routing.repository';

describe('RoutingSettingsService on an in-memory repository', () => {
  it('weighs channels by default while nothing is saved: a live chat counts more than an email', async () => {
    const settings = new RoutingSettingsService(new InMemoryRoutingRepository());
    expect(await settings.get()).toEqual({ channelWeights: DEFAULT_CHANNEL_WEIGHTS });
    expect(await settings.weightOf('telegram')).toBe(2);
    expect(await settings.weightOf('email')).toBe(1);
  });

  it('reads saved weights over the defaults', async () => {
    const repo = new InMemoryRoutingRepository();
    repo.settings.set('routing.channel_weights', JSON.stringify({ email: 3 }));
    const settings = new RoutingSettingsService(repo);
    expect(await settings.channelWeights()).toEqual({ ...DEFAULT_CHANNEL_WEIGHTS, email: 3 });
  });

  it('saves changed weights, kept with the others for every node to read', async () => {
    const repo = new InMemoryRoutingRepository();
    const settings = new RoutingSettingsService(repo);
    expect(await settings.update({ channelWeights: { sms: 4 } })).toEqual({ channelWeights: { ...DEFAULT_CHANNEL_WEIGHTS, sms: 4 } });
    expect(await settings.weightOf('sms')).toBe(4);
    expect(await new RoutingSettingsService(repo).weightOf('sms')).toBe(4);
    expect(JSON.parse(repo.settings.get('routing.channel_weights')!)).toEqual({ ...DEFAULT_CHANNEL_WEIGHTS, sms: 4 });
  });

  it.each([
    [{ fax: 2 }, 'Unknown channel fax'],
    [{ email: 0 }, 'Weight of email must be an integer 1…100'],
    [{ webchat: 1.5 }, 'Weight of webchat must be an integer 1…100'],
    [{ sms: 101 }, 'Weight of sms must be an integer 1…100'],
  ])('refuses %j and keeps the saved weights', async (channelWeights, message) => {
    const repo = new InMemoryRoutingRepository();
    const settings = new RoutingSettingsService(repo);
    await expect(settings.update({ channelWeights })).rejects.toThrow(new BadRequestException(message));
    expect(repo.settings.size).toBe(0);
    expect(await settings.channelWeights()).toEqual(DEFAULT_CHANNEL_WEIGHTS);
  });
});
