import { NotFoundException } from '@nestjs/common';
import type { CannedRenderContext } from './ports/canned-responses.repository';
import { agata, boris, cannedSetup } from './canned-test-setup';

const now = new Date('2026-12-07T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

function context(channel: CannedRenderContext['conversation']['channel'], over: Partial<CannedRenderContext> = {}): CannedRenderContext {
  return {
    conversation: { id: `c-${channel}`, channel, lastInboundAt: hoursAgo(1) },
    customer: { name: 'Анна Смирнова', email: null, phone: '+79161234567', attributes: {} },
    lastCustomerWords: 'Где мой заказ?',
    templates: [{ id: 'HX123', name: 'order_update' }],
    ...over,
  };
}

async function setup() {
  const s = cannedSetup();
  for (const c of [context('webchat'), context('sms'), context('whatsapp', { conversation: { id: 'c-whatsapp', channel: 'whatsapp', lastInboundAt: hoursAgo(30) } })]) s.repo.contexts.set(c.conversation.id, c);
  const response = await s.responses.create(agata, {
    shortcode: 'доставка', title: 'Доставка', whatsappTemplate: 'ORDER_UPDATE', attachmentIds: ['f-1'],
    variants: { ru: 'Здравствуйте, {{customer.first_name}}! Заказ {{customer.attributes.order}} доставим завтра. {{agent.name}}', en: 'Hi {{customer.first_name}}, order {{customer.attributes.order}} ships tomorrow.' },
  });
  return { ...s, response };
}

describe('CannedRenderService', () => {
  it("renders the customer's language, fills what it can and lists what is missing", async () => {
    const { renderer, response } = await setup();
    const rendered = await renderer.render(agata, response.id, 'c-webchat', undefined, now);
    expect(rendered).toMatchObject({
      language: 'ru', text: 'Здравствуйте, Анна! Заказ {{customer.attributes.order}} доставим завтра. Ёлкина Агата', missing: ['customer.attributes.order'], fitness: {},
    });
    expect(rendered.attachments.map((a) => a.fileName)).toEqual(['тарифы.pdf']);
    expect((await renderer.render(agata, response.id, 'c-webchat', 'en', now)).text).toBe('Hi Анна, order {{customer.attributes.order}} ships tomorrow.');
  });

  it('counts SMS parts of the rendered text (Cyrillic: 70 characters in one)', async () => {
    const { renderer, response } = await setup();
    const sms = await renderer.render(agata, response.id, 'c-sms', undefined, now);
    expect(sms.fitness).toEqual({ smsSegments: 2, tooLong: false, maxLength: 1600 });
  });

  it('says the WhatsApp window is closed and offers the matching template', async () => {
    const { renderer, response } = await setup();
    const whatsapp = await renderer.render(agata, response.id, 'c-whatsapp', undefined, now);
    expect(whatsapp.fitness).toMatchObject({ whatsappWindowClosed: true, template: { id: 'HX123', name: 'order_update' }, tooLong: false });
  });

  it('404s an unknown conversation and a response the agent may not use', async () => {
    const { renderer, response } = await setup();
    await expect(renderer.render(agata, response.id, 'c-none', undefined, now)).rejects.toBeInstanceOf(NotFoundException);
    await expect(renderer.render(boris, response.id, 'c-webchat', undefined, now)).rejects.toBeInstanceOf(NotFoundException);
    await expect(renderer.render(agata, response.id, 'c-webchat', 'de', now)).rejects.toThrow('language: "de" is not one of ru, en');
  });
});
