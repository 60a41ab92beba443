import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { IngestService } from '@parley/conversations';
import { CustomersService } from '@parley/customers';
import { InboxEntity, SettingEntity, SurveySettingEntity } from '@parley/persistence';
import { SurveySettingsService } from '@parley/surveys';
import { DEMO_INBOXES, DEMO_WEBCHAT_INBOX_ID } from './demo-inboxes';

const demoInboxId = (channel: string): string => DEMO_INBOXES.find((d) => d.channel === channel)!.id;
const DEMO_IDS = { webchat: DEMO_WEBCHAT_INBOX_ID, sms: demoInboxId('sms'), email: demoInboxId('email') };

interface DemoConversation {
  inboxId: string;
  inbound: Omit<InboundMessage, 'inboxId'>;
  /** Something the shop's CRM recorded about this customer. */
  crmEvent?: { type: string; title: string; data: Record<string, unknown> };
}

/**
 * The first thing a new user sees, in both languages: Russian and English customers who wrote on
 * different channels. SMS, web chat and email, because an agent's reply reaches them without the
 * emulators having seen the customer first (Telegram answers "chat not found", WhatsApp refuses
 * free text outside the 24-hour window).
 */
export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    inboxId: DEMO_IDS.sms,
    inbound: {
      channel: 'sms', providerMessageId: 'SMdemo0000000000000000000000000001',
      sender: { externalId: '+79161110001', phone: '+79161110001', displayName: 'Анна Смирнова' },
      content: 'Здравствуйте! Заказ №1042 ещё не пришёл. Подскажите, когда ждать курьера?',
      customerFill: { name: 'Анна Смирнова' },
    },
    crmEvent: { type: 'order_placed', title: 'Заказ №1042 оформлен: чайник стеклянный, 2 490 ₽', data: { orderId: '1042', total: 2490, currency: 'RUB' } },
  },
  {
    inboxId: DEMO_IDS.webchat,
    inbound: {
      channel: 'webchat', providerMessageId: 'demo-webchat-dmitry-1',
      sender: { externalId: 'demo-visitor-dmitry', displayName: 'Дмитрий Козлов', email: 'dmitry.kozlov@example.ru' },
      content: 'Добрый день! Можно поменять размер кроссовок, если коробку уже открыли?',
      customerFill: { name: 'Дмитрий Козлов', email: 'dmitry.kozlov@example.ru' },
    },
  },
  {
    inboxId: DEMO_IDS.email,
    inbound: {
      channel: 'email', providerMessageId: '<demo-emily-1@example.com>',
      sender: { externalId: 'emily.carter@example.com', email: 'emily.carter@example.com', displayName: 'Emily Carter' },
      content: 'Hi! Do you ship to Canada, and how long does delivery take?',
      metadata: { subject: 'Shipping to Canada' },
      conversationMetadata: { subject: 'Shipping to Canada' },
      customerFill: { name: 'Emily Carter', email: 'emily.carter@example.com' },
    },
    crmEvent: { type: 'newsletter_signup', title: 'Subscribed to the newsletter', data: { source: 'checkout' } },
  },
  {
    inboxId: DEMO_IDS.sms,
    inbound: {
      channel: 'sms', providerMessageId: 'SMdemo0000000000000000000000000002',
      sender: { externalId: '+14155550123', phone: '+14155550123', displayName: 'James Miller' },
      content: 'Hello, my package arrived damaged. Can I get a replacement?',
      customerFill: { name: 'James Miller' },
    },
  },
];

/**
 * What the full demo (`npm start`, the emulators beside the api) adds once: a CSAT survey on each
 * demo inbox, so resolving a demo conversation shows the rating, and the demo customers above.
 * Each step is claimed by a marker in the settings table, so it runs on first start only (an
 * admin who later switches a survey off keeps it off) and by one node when several start at once.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('demo');

  constructor(
    private readonly db: DataSource,
    private readonly surveys: SurveySettingsService,
    private readonly ingest: IngestService,
    private readonly customers: CustomersService,
  ) {}

  async run(inboxIds: string[]): Promise<void> {
    const existing = new Set((await this.db.getRepository(InboxEntity).find({ select: { id: true } })).map((i) => i.id));
    for (const inboxId of inboxIds.filter((id) => existing.has(id))) {
      if (!(await this.claim(`demo.survey.${inboxId}`))) continue;
      if (await this.db.getRepository(SurveySettingEntity).existsBy({ scope: 'inbox', scopeId: inboxId })) continue;
      // No texts of its own: the customer reads the default question in their conversation's language.
      await this.surveys.saveSettings({ scope: 'inbox', scopeId: inboxId, enabled: true, type: 'csat', delayMinutes: 0, throttleDays: 0, texts: {} });
      this.logger.log(`CSAT survey switched on for demo inbox ${inboxId}`);
    }
    if (await this.claim('demo.conversations')) await this.seedConversations(existing);
  }

  private async seedConversations(inboxes: Set<string>): Promise<void> {
    for (const demo of DEMO_CONVERSATIONS) {
      if (!inboxes.has(demo.inboxId)) continue;
      // The one conversation writer, as for any inbound message; the provider ids keep it idempotent.
      const { message, duplicate } = await this.ingest.ingest({ ...demo.inbound, inboxId: demo.inboxId });
      if (demo.crmEvent && !duplicate) await this.customers.addEvent(message.customerId, demo.crmEvent);
    }
    this.logger.log('customers and conversations added (Russian and English)');
  }

  /** True for the one caller whose marker was stored. */
  private async claim(key: string): Promise<boolean> {
    const nonce = randomBytes(12).toString('hex');
    await this.db.createQueryBuilder().insert().into(SettingEntity).values({ key, value: nonce }).orIgnore().execute();
    return (await this.db.getRepository(SettingEntity).findOneBy({ key }))?.value === nonce;
  }
}
