import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { ChannelAdapter, InboxRef } from '@parley/channels-core';
import type { ChannelRegistry } from '@parley/conversations';
import type { ParleyConfig } from '@parley/runtime';
import type { DemoSeed } from './demo-seed';
import { InboxesService } from './inboxes.service';
import { InMemoryInboxRepository } from './testing/in-memory-inbox.repository';

const AUTH_TOKEN = 'f3b1c2d4e5a6978812345678abcdef90';
const TEMPLATE = { id: 'HXabcdefabcdefabcdefabcdefabcdef01', name: 'Заказ готов', variables: ['1'], body: 'Здравствуйте, {{1}}! Ваш заказ готов.' };

/** A Twilio-like adapter whose configure hook refuses any auth token but the account's. */
function setup() {
  const repo = new InMemoryInboxRepository();
  const configured: InboxRef[] = [];
  const sms = {
    configure: async (inbox: InboxRef) => {
      configured.push(inbox);
      if (inbox.config.authToken !== AUTH_TOKEN) throw new Error('Twilio refused the credentials (401)');
      return { ...inbox.config, webhookUrl: `https://parley.example/webhooks/twilio/${inbox.id}` };
    },
  } as unknown as ChannelAdapter;
  // This build's adapters: Twilio SMS checks its settings, the others take them as they are; there is no Viber one.
  const adapters: Record<string, ChannelAdapter> = { sms, webchat: {} as ChannelAdapter, whatsapp: {} as ChannelAdapter, email: {} as ChannelAdapter, telegram: {} as ChannelAdapter };
  const channels = { find: (channel: string) => adapters[channel] } as unknown as ChannelRegistry;
  const config = { publicUrl: 'https://parley.example', demo: false } as ParleyConfig;
  return { repo, configured, service: new InboxesService(repo, config, channels, {} as DemoSeed) };
}

describe('InboxesService', () => {
  describe('create', () => {
    it('refuses a channel this build has no adapter for, storing nothing', async () => {
      const { repo, service } = setup();
      await expect(service.create('Viber', 'viber', {})).rejects.toThrow('This build of Parley has no viber adapter');
      expect(await repo.list()).toEqual([]);
    });

    it('gives a web chat inbox a website token and stores its trimmed name', async () => {
      const { repo, service } = setup();
      const dto = await service.create('  Чат на сайте ', 'webchat', { brandName: 'Парли' });

      expect(dto).toMatchObject({ name: 'Чат на сайте', channel: 'webchat', config: { brandName: 'Парли' }, websiteToken: expect.stringMatching(/^[\w-]{24}$/) });
      expect(await service.byWebsiteToken(dto.websiteToken!)).toMatchObject({ id: dto.id });
      expect(repo.inboxes.get(dto.id)?.name).toBe('Чат на сайте');
    });

    it('stores what the adapter completed and returns the auth token masked', async () => {
      const { repo, service } = setup();
      const dto = await service.create('SMS', 'sms', { accountSid: 'AC1', authToken: AUTH_TOKEN, from: '+79001234567' });

      expect(dto.config).toMatchObject({ authToken: '••••ef90', webhookUrl: `https://parley.example/webhooks/twilio/${dto.id}` });
      expect(JSON.stringify(dto)).not.toContain(AUTH_TOKEN);
      expect(dto).not.toHaveProperty('websiteToken');
      expect(repo.inboxes.get(dto.id)?.config.authToken).toBe(AUTH_TOKEN);
    });

    it('refuses settings the adapter refuses, and stores nothing', async () => {
      const { repo, service } = setup();
      await expect(service.create('SMS', 'sms', { accountSid: 'AC1', authToken: 'wrong' })).rejects.toThrow(
        new BadRequestException('The sms settings were refused: Twilio refused the credentials (401)'),
      );
      expect(repo.inboxes.size).toBe(0);
    });

    it('refuses a phone region that is not an ISO country code', async () => {
      const { service } = setup();
      await expect(service.create('Телеграм', 'telegram', { phoneRegion: 'Россия' })).rejects.toThrow(/phoneRegion must be an ISO country code/);
    });

    it('refuses two templates with one ContentSid', async () => {
      const { service } = setup();
      await expect(service.create('WhatsApp', 'whatsapp', { templates: [TEMPLATE, { ...TEMPLATE, name: 'Копия' }] })).rejects.toThrow(/already used by templates\[0\]/);
    });

    it('does not replace an inbox created with the same id meanwhile', async () => {
      const { repo, service } = setup();
      const first = await service.create('Демо', 'webchat', {}, '0190b7a4-3333-7000-8000-000000000003');
      await service.create('Второе демо', 'webchat', {}, first.id);
      expect(repo.inboxes.get(first.id)).toMatchObject({ name: 'Демо', websiteToken: first.websiteToken });
    });
  });

  describe('edit', () => {
    it('renames and keeps the stored auth token when it is sent back blank or masked', async () => {
      const { repo, service } = setup();
      const { id, config } = await service.create('SMS', 'sms', { accountSid: 'AC1', authToken: AUTH_TOKEN, from: '+79001234567' });

      expect(await service.update(id, { name: ' SMS магазина ', config: { authToken: config.authToken, from: '+79007654321' } })).toMatchObject({ name: 'SMS магазина' });
      await service.update(id, { config: { authToken: '' } });
      expect(repo.inboxes.get(id)?.config).toMatchObject({ authToken: AUTH_TOKEN, from: '+79007654321' });
    });

    it('refuses an empty name and a refused token, keeping what was stored', async () => {
      const { repo, service } = setup();
      const { id } = await service.create('SMS', 'sms', { accountSid: 'AC1', authToken: AUTH_TOKEN });

      await expect(service.update(id, { name: '   ' })).rejects.toThrow(new BadRequestException('name must not be empty'));
      await expect(service.update(id, { config: { authToken: 'not-the-account-token' } })).rejects.toThrow(BadRequestException);
      expect(repo.inboxes.get(id)).toMatchObject({ name: 'SMS', config: { authToken: AUTH_TOKEN } });
    });

    it('answers 404 for an unknown inbox', async () => {
      const { service } = setup();
      await expect(service.update('0190b7a4-4444-7000-8000-000000000004', { name: 'Нет такого' })).rejects.toThrow(NotFoundException);
    });

    it('serves a webhook the edited inbox at once on this node', async () => {
      const { service } = setup();
      const { id } = await service.create('SMS', 'sms', { accountSid: 'AC1', authToken: AUTH_TOKEN, from: '+79001234567' });
      expect((await service.forWebhook(id))?.config.from).toBe('+79001234567');

      await service.update(id, { config: { from: '+79007654321' } });
      expect((await service.forWebhook(id))?.config.from).toBe('+79007654321');
    });
  });

  describe('identity secret', () => {
    it('makes one on the first reveal, keeps it, and replaces it on rotation', async () => {
      const { repo, service } = setup();
      const { id } = await service.create('Чат', 'webchat', {});

      const first = await service.identitySecret(id, false);
      expect(await service.identitySecret(id, false)).toEqual(first);
      const rotated = await service.identitySecret(id, true);
      expect(rotated.identitySecret).not.toBe(first.identitySecret);
      expect(repo.inboxes.get(id)?.config.identitySecret).toBe(rotated.identitySecret);
      expect((await service.list())[0].config.identitySecret).not.toBe(rotated.identitySecret);
    });

    it('is only for web chat inboxes', async () => {
      const { service } = setup();
      const { id } = await service.create('SMS', 'sms', { accountSid: 'AC1', authToken: AUTH_TOKEN });
      await expect(service.identitySecret(id, false)).rejects.toThrow('Only web chat inboxes verify identities');
    });
  });
});
